"""The two screen sizes every browser journey is looked at in: a desk and a phone.

A module of its own, not the conftest: test modules import it by name, and every test folder
has a ``conftest``, so ``from conftest import …`` found whichever folder's came first.
"""

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
