"""Every source the demo's figures record is a document a reader can find."""

import pytest

from plantrack.observations.models import Observation
from plantrack.reports.models import SourceDocument

pytestmark = pytest.mark.django_db


def test_every_figure_source_has_its_document(demo):
    cited = set(Observation.objects.values_list("source", flat=True))
    documents = set(SourceDocument.objects.values_list("cited_as", flat=True))
    assert cited <= documents, sorted(cited - documents)
    for document in SourceDocument.objects.all():
        assert document.title and document.issuer, document.cited_as
        assert ".md" not in document.title and "repo" not in document.title
