"""Django's JSON-lines serialisation, with every microsecond of a time kept.

Django's JSON encoder cuts datetimes and times to milliseconds (ECMA-262's format), so a
backup restored from Django's own ``jsonl`` would move every timestamp by up to 0.999 ms
and no longer equal the original. Registered as the ``jsonl`` format in
``SERIALIZATION_MODULES`` (settings.py); reading is Django's own, which parses microseconds.
"""

import datetime

from django.core.serializers import jsonl
from django.core.serializers.json import DjangoJSONEncoder


class ExactEncoder(DjangoJSONEncoder):
    """Write datetimes and times in full ISO 8601, microseconds included."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(jsonl.Serializer):
    def start_serialization(self) -> None:
        super().start_serialization()  # sets json_kwargs, Django's encoder among them
        self.json_kwargs["cls"] = ExactEncoder


Deserializer = jsonl.Deserializer
