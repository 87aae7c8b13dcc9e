#!/usr/bin/env python3
"""Writes the import-format fixtures of tests/catalog_formats (run from this directory).

cnmarc_gbk_school.mrc       three CNMARC records in GBK as Chinese school systems export them:
                            100$a/26-29 = "0110" (not "50"), records separated by CR/LF and the
                            file padded with spaces and NULs after the last record.
marc21_trailing_padding.mrc the first two records of marc21_camel.usmarc (MARC::Record's
                            t/camel.usmarc) followed by 40 spaces, CR/LF and 8 NULs.
"""
RS, US, RT = b"\x1e", b"\x1f", b"\x1d"


def isbn13(first12):
    s = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(first12))
    return first12 + str((10 - s % 10) % 10)


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
    cn_book(1, isbn13("978753549536"), "25.00", "岳阳楼记", "范仲淹著", "长沙", "湖南人民出版社", "2019", "128",
            "I264.4", "I264.4/12", "A0001001"),
    cn_book(2, isbn13("978755622011"), "32.00", "洞庭湖的故事", "刘宗敏编", "长沙", "湖南少年儿童出版社", "2018", "96",
            "K296.4", "K296.4/3", "A0001002"),
    cn_book(3, isbn13("978702008726"), "19.80", "城南旧事", "林海音著", "北京", "人民文学出版社", "2010", "210",
            "I246.5", "I246.5/45", "A0001003"),
]
with open("cnmarc_gbk_school.mrc", "wb") as f:
    f.write(b"\r\n".join(gbk) + b"\r\n" + b" " * 16 + b"\0" * 16)

with open("marc21_camel.usmarc", "rb") as f:
    camel = f.read()
first_two = camel[: camel.index(RT, camel.index(RT) + 1) + 1]
with open("marc21_trailing_padding.mrc", "wb") as f:
    f.write(first_two + b" " * 40 + b"\r\n" + b"\0" * 8)


# A holdings export as the school systems Shuxiang replaces write it: GBK, CRLF, their headers
# (条形码, 出版日期, 定价, 流通状态) and their status words. Line 6 has an ISBN whose check digit
# is wrong (the last digit one more than it should be); line 7 is marked 借出 although a catalogue file carries no loans; line 9
# uses barcode A0001002, which cnmarc_gbk_school.mrc gives to 洞庭湖的故事.
GOOD = isbn13("978702008726")
BAD_CHECK = GOOD[:-1] + str((int(GOOD[-1]) + 1) % 10)
rows = [
    ("条形码", "题名", "责任者", "ISBN", "索书号", "出版社", "出版日期", "定价", "馆藏地点", "流通状态"),
    ("B0000101", "草房子", "曹文轩著", "978-7-02-000220-7", "I287.45/12", "人民文学出版社", "2015.6", "25.00", "二楼书库", "在架"),
    ("B0000102", "草房子", "曹文轩著", "978-7-02-000220-7", "I287.45/12", "人民文学出版社", "2015.6", "25.00", "二楼书库", "遗失"),
    ("B0000103", "西游记", "吴承恩著", isbn13("978753542008"), "I242.4/7", "湖南少年儿童出版社", "2018.3", "36.00", "阅览室", "修补"),
    ("B0000104", "十万个为什么", "编委会", isbn13("978756242200"), "Z228.1/5", "少年儿童出版社", "2013.1", "48.00", "阅览室", "剔除"),
    ("B0000105", "城南旧事", "林海音著", BAD_CHECK, "I246.5/45", "人民文学出版社", "2010.4", "19.80", "二楼书库", "在库"),
    ("B0000106", "小王子", "圣埃克苏佩里著", isbn13("978702011046"), "I565.88/3", "人民文学出版社", "2016.9", "22.00", "二楼书库", "借出"),
    ("B0000107", "稻草人", "叶圣陶著", isbn13("978702010230"), "I287.5/2", "人民文学出版社", "2014.5", "15.00", "二楼书库", "在架"),
    ("A0001002", "寄小读者", "冰心著", isbn13("978702011050"), "I266/9", "人民文学出版社", "2017.2", "18.00", "阅览室", "在架"),
]
with open("../catalog_store/legacy_school.csv", "wb") as f:
    f.write(b"".join((",".join(r) + "\r\n").encode("gbk") for r in rows))
