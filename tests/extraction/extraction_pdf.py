"""Build a tiny text-layer PDF by hand, for the reader tests.

A simple font cannot encode Vietnamese letters, so each distinct character of the text gets
a one-byte code and a ToUnicode map says which character it stands for: the glyphs drawn
are meaningless, but the text layer (what a PDF reader extracts) is exact.
"""


def text_pdf(lines: list[str]) -> bytes:
    """Return a one-page PDF whose text layer is ``lines``, one per line."""
    characters = sorted({char for line in lines for char in line})
    if len(characters) > 250:
        raise ValueError("too many distinct characters for a one-byte code")
    code = {char: index + 1 for index, char in enumerate(characters)}
    stream_lines = ["BT", "/F1 10 Tf", "12 TL", "40 800 Td"]
    for line in lines:
        hex_codes = "".join(f"{code[char]:02X}" for char in line)
        stream_lines.append(f"<{hex_codes}> Tj T*")
    stream_lines.append("ET")
    content = "\n".join(stream_lines).encode("ascii")
    cmap_entries = "\n".join(f"<{code[c]:02X}> <{ord(c):04X}>" for c in characters)
    cmap = (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<00> <FF>\nendcodespacerange\n"
        f"{len(characters)} beginbfchar\n{cmap_entries}\nendbfchar\n"
        "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    ).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
    ]
    output = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(output)
    output += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        output += b"%010d 00000 n \n" % offset
    output += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(output)
