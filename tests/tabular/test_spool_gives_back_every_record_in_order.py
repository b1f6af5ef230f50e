"""A spool gives back every record appended, in order, as often as asked, a chunk at a time;
``pick`` finds records by their place. No database: tabular/spool.py is plain Python."""

from plantrack.tabular.spool import Spool

RECORDS = [(number, f"dòng {number}", number % 2 == 0, None, "") for number in range(10)]


def filled(chunk_size: int) -> Spool:
    spool = Spool(chunk_size)
    for record in RECORDS:
        spool.append(record)
    return spool


def test_records_come_back_in_order_in_chunks_of_the_size_asked():
    spool = filled(3)

    assert len(spool) == 10
    assert [len(chunk) for chunk in spool.chunks()] == [3, 3, 3, 1]
    assert list(spool) == RECORDS
    assert list(spool) == RECORDS  # read again: the same


def test_pick_finds_records_on_disk_and_in_the_chunk_being_filled():
    spool = filled(4)

    assert spool.pick([9, 0, 5, 5]) == {0: RECORDS[0], 5: RECORDS[5], 9: RECORDS[9]}


def test_a_spool_smaller_than_a_chunk_and_an_empty_one():
    assert list(filled(100)) == RECORDS
    assert list(Spool(3)) == []
    assert list(Spool(3).chunks()) == []


def test_closing_drops_the_records():
    spool = filled(3)

    spool.close()

    assert len(spool) == 0
    assert list(spool) == []
