#!/usr/bin/env python3
"""Writes the import-format fixtures of tests/catalog_formats (run from this directory).

cnmarc_gbk_school.mrc       three CNMARC records in GBK as Chinese school systems export them:
                            100$a/26-29 = "0110" (not "50"), records separated by CR/LF and the
                            file padded with spaces and NULs after the last record.
marc21_trailing_padding.mrc the first two records of marc21_camel.usmarc (MARC::Record's
                            t/camel.usmarc) followed by 40 spaces, CR/LF and 8 NULs.
"""
RS, US, RT = b"\x1e", b"\x1f", b"\x1d"


def record(leader, fields):
    directory, data = b"", b""
    for tag, body in fields:
        body = body + RS
        directory += tag.encode() + b"%04d%05d" % (len(body), len(data))
        data += body
    directory += RS
    base = 24 + len(directory)
    total = base + len(data) + 1
    leader = b"%05d" % total + leader[5:12] + b"%05d" % base + leader[17:]
    return leader + directory + data + RT


def sub(code, text):
    return US + code.encode() + text.encode("gbk")


def cn_book(n, isbn, price, title, author, place, publisher, year, pages, clc, callno, barcode):
    return record(b"00000nam0 2200000   450 ", [
        ("001", ("SX%06d" % n).encode()),
        ("010", b"  " + sub("a", isbn) + sub("d", "CNY" + price)),
        ("100", b"  " + sub("a", year + "0301d" + year + "    em y0chiy0110    ea")),
        ("101", b"0 " + sub("a", "chi")),
        ("200", b"1 " + sub("a", title) + sub("f", author)),
        ("210", b"  " + sub("a", place) + sub("c", publisher) + sub("d", year)),
        ("215", b"  " + sub("a", pages + "页") + sub("d", "21cm")),
        ("690", b"  " + sub("a", clc) + sub("v", "5")),
        ("701", b" 0" + sub("a", author.rstrip("著编"))),
        ("905", b"  " + sub("b", barcode) + sub("d", callno.split("/")[0]) + sub("e", callno.split("/")[1])),
    ])


gbk = [
    cn_book(1, "978-7-5354-9536-2", "25.00", "岳阳楼记", "范仲淹著", "长沙", "湖南人民出版社", "2019", "128",
            "I264.4", "I264.4/12", "A0001001"),
    cn_book(2, "978-7-5562-2011-9", "32.00", "洞庭湖的故事", "刘宗敏编", "长沙", "湖南少年儿童出版社", "2018", "96",
            "K296.4", "K296.4/3", "A0001002"),
    cn_book(3, "978-7-02-008726-8", "19.80", "城南旧事", "林海音著", "北京", "人民文学出版社", "2010", "210",
            "I246.5", "I246.5/45", "A0001003"),
]
with open("cnmarc_gbk_school.mrc", "wb") as f:
    f.write(b"\r\n".join(gbk) + b"\r\n" + b" " * 16 + b"\0" * 16)

with open("marc21_camel.usmarc", "rb") as f:
    camel = f.read()
first_two = camel[: camel.index(RT, camel.index(RT) + 1) + 1]
with open("marc21_trailing_padding.mrc", "wb") as f:
    f.write(first_two + b" " * 40 + b"\r\n" + b"\0" * 8)
