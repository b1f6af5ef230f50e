"""The review screen cuts the text into plain and highlighted pieces; overlapping
candidates share one highlight."""

from plantrack.extraction.highlight import Piece, pieces


def test_spans_become_marked_pieces_and_the_rest_stays_plain():
    result, anchors = pieces("abcdefghij", [(2, 8, 9), (1, 2, 4)])

    assert result == [Piece("ab"), Piece("cd", 1), Piece("efgh"), Piece("i", 2), Piece("j")]
    assert anchors == {1: 1, 2: 2}
    assert "".join(piece.text for piece in result) == "abcdefghij"


def test_overlapping_spans_share_the_first_candidates_mark():
    result, anchors = pieces("abcdefghij", [(1, 2, 6), (2, 2, 6), (3, 4, 8)])

    assert result == [Piece("ab"), Piece("cdefgh", 1), Piece("ij")]
    assert anchors == {1: 1, 2: 1, 3: 1}


def test_no_span_is_one_plain_piece():
    assert pieces("abc", []) == ([Piece("abc")], {})
