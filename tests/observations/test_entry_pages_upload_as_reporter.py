"""A reporter uploads its agency's figures on the web: they are written through the one
importer, the page shows the counts and links to the import record."""

from decimal import Decimal

import pytest
from entry_pages_helpers import IMPORT_URL, SOURCE, figure, upload
from pytest_django.asserts import assertContains, assertNotContains

from plantrack.observations.choices import RevisionAction, WorkflowState
from plantrack.observations.models import ImportBatch, Observation

pytestmark = pytest.mark.django_db


def test_the_upload_page_offers_the_form_and_the_agencys_template(client, reporter, industry):
    client.force_login(reporter)

    response = client.get(IMPORT_URL)

    assert response.status_code == 200
    assertContains(response, 'enctype="multipart/form-data"')
    assertContains(response, "Chỉ kiểm tra, không ghi")
    assertContains(response, f'<option value="{industry.pk}" selected>Sở Công Thương</option>')
    assertContains(response, 'action="/observations/template/"')
    assertContains(response, '<option value="SCT">Sở Công Thương (SCT)</option>', html=True)
    # Approving at once is for those who may approve.
    assertNotContains(response, 'name="approve"')


def test_a_reporter_uploads_a_csv_and_sees_it_written_with_its_counts(
    client, reporter, industry, province, grdp_growth, csv_file
):
    figure(grdp_growth, province, "2022", "4.5", WorkflowState.APPROVED)
    content = csv_file(
        [
            ("grdp_growth", "04", "2022", "4,5", "", "", ""),
            ("grdp_growth", "04", "2023", "4,73", "sơ bộ", SOURCE, ""),
            ("grdp_growth", "04", "2024", "5,74", "ước", SOURCE, ""),
        ]
    )

    response = upload(client, reporter, content, agency=industry.pk)

    assert response.status_code == 200
    batch = ImportBatch.objects.get()
    assert (batch.user, batch.agency, batch.file_name) == (reporter, industry, "so-lieu-2024.csv")
    assert (batch.created_count, batch.changed_count, batch.unchanged_count) == (2, 0, 1)
    assertContains(response, "Kết quả: so-lieu-2024.csv")
    assertContains(response, "Đã ghi.")
    assertContains(response, '<dd class="count-rows">3</dd>', html=True)
    assertContains(response, '<dd class="count-created">2</dd>', html=True)
    assertContains(response, '<dd class="count-changed">0</dd>', html=True)
    assertContains(response, '<dd class="count-unchanged">1</dd>', html=True)
    assertContains(response, f'href="/observations/imports/{batch.pk}/"')
    written = Observation.objects.filter(import_batch=batch).order_by("period")
    assert [(o.period, o.value, o.state, o.agency) for o in written] == [
        ("2023", Decimal("4.73"), WorkflowState.SUBMITTED, industry),
        ("2024", Decimal("5.74"), WorkflowState.SUBMITTED, industry),
    ]
    assert {r.action for o in written for r in o.revisions.all()} == {RevisionAction.CREATED}


def test_an_xlsx_upload_goes_through_the_same_importer(
    client, reporter, industry, province, grdp_growth, xlsx_file
):
    content = xlsx_file([("grdp_growth", "04", "2024", 6.74, "ước", SOURCE, "")])

    response = upload(client, reporter, content, name="so-lieu.xlsx", agency=industry.pk)

    assert response.status_code == 200
    assertContains(response, "XLSX")
    assert Observation.objects.get().value == Decimal("6.74")


def test_the_import_record_shows_what_the_file_created(
    client, reporter, industry, province, grdp_growth, csv_file
):
    content = csv_file([("grdp_growth", "04", "2024", "6,74", "", SOURCE, "")])
    upload(client, reporter, content, agency=industry.pk)
    batch = ImportBatch.objects.get()

    response = client.get(f"/observations/imports/{batch.pk}/")

    assertContains(response, f"Lượt nhập số {batch.pk}")
    assertContains(response, batch.checksum)
    assertContains(response, "<code>grdp_growth</code>")
    assertContains(response, "6,74 %")


def test_another_agencys_reporter_cannot_open_the_import_record(
    client, reporter, other_reporter, industry, province, grdp_growth, csv_file
):
    content = csv_file([("grdp_growth", "04", "2024", "6,74", "", SOURCE, "")])
    upload(client, reporter, content, agency=industry.pk)
    batch = ImportBatch.objects.get()
    client.force_login(other_reporter)

    assert client.get(f"/observations/imports/{batch.pk}/").status_code == 404
    assert client.get("/observations/imports/999999/").status_code == 404
    assertNotContains(client.get(IMPORT_URL), "so-lieu-2024.csv")


def test_an_approver_may_import_figures_approved_at_once(
    client, reporter, approver, industry, province, grdp_growth, csv_file, settings
):
    # Approving one's own import is a self-approval: a one-person office's setting.
    settings.PLANTRACK_ALLOW_SELF_APPROVAL = True
    # An's approver role alone does not report: Công is both reporter and approver here.
    from plantrack.accounts.choices import Role
    from plantrack.accounts.models import Membership

    Membership.objects.create(user=reporter, agency=industry, role=Role.APPROVER)
    content = csv_file([("grdp_growth", "04", "2024", "6,74", "", SOURCE, "")])

    response = upload(client, reporter, content, agency=industry.pk, approve="on")

    assert response.status_code == 200
    assertContains(response, 'name="approve"')
    assert Observation.objects.get().state == WorkflowState.APPROVED
