#!/usr/bin/env python3
"""Writes the seed corpora under tests/fuzz/corpus/<target>/ (small inputs taken from the core
tests' rows and literals; capture files and IP packets built here). Run it again after changing a
target's input layout; libFuzzer's own finds are added with scripts/fuzz.sh --merge.
corpus/workspace/ws_full.json is a serialized workspace (every kind of tab) kept as it is."""
import hashlib
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")


def put(target, data):
    if isinstance(data, str):
        data = data.encode()
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    name = "seed-" + hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def sel(byte, text):
    """A selector byte, then the text."""
    return bytes([byte]) + (text.encode() if isinstance(text, str) else text)


# hex, escapes, option: the text alone.
for t in ["", "de ad be ef", "DEADBEEF", "0xDE,0xAD", "0XDE 0Xad", "0xdead", "de:ad",
          "00-1a-2b-3c-4d-5e", "01;02", "\\xde\\xad", "\\xde \\XAD", "de\tad\nbe", "deadbeeg",
          "a", "abc", "0x", "de zz"]:
    put("hex", t)
for t in ["", "GET / HTTP/1.0\\r\\n", "\\t\\0\\\\\\\"\\'\\?", "\\a\\b\\f\\v\\e", "\\xde\\xAD",
          "\\xa!", "\\x414", "\\7\\12\\101\\377", "\\1011\\18", "\\0009", "\\u0041\\u00e9\\u20AC",
          "\\U0001F600\\U0010FFFF", "caf\u00e9\\n", "abc\\", "a\\qb", "ab\\xg", "xy\\400",
          "\\u12", "\\uD800", "\\U00110000"]:
    put("escapes", t)
for t in ["reuseaddr", "reuseaddr=off", "SO_RCVBUF=65536", "linger=-1", "ttl=64", "nodelay=yes",
          "IPV6_UNICAST_HOPS=5", "rcvbuf", "nagle=1", "rcvbuf=x", "ttl=99999999999",
          "keepalive=TRUE", "multicast_if=0", "syncnt=3"]:
    put("option", t)

# pattern: selector (kind = s % 3: text, escaped, hex; pattern length = s // 3), pattern, haystack.
for kind, pattern, hay in [(0, "GET", "xxGET / HTTP/1.0 GET"), (1, "\\r\\n", "a\r\nb\r\n"),
                           (2, "de ad", b"\x00\xde\xad\xbe\xde\xad"), (2, "zz", "zz"),
                           (1, "\\x", "x"), (0, "aa", "aaaaa")]:
    put("pattern", bytes([kind + 3 * len(pattern)]) + pattern.encode() +
        (hay if isinstance(hay, bytes) else hay.encode()))

# text_decode: encoding/styles byte, cut byte, then bytes.
texts = [b"hello\r\n\x00\x7f", "caf\u00e9 \u4f60\u597d \U0001F600".encode(), b"\xc3\x28\xe2\x82",
         "\u4f60\u597d".encode("gb18030") + b"\x81\x30\x81\x30\x80", "\u4f60".encode("big5") + b"\xa1",
         "\u3042\uff71".encode("cp932") + b"\x82", "a\u00e9".encode("utf-16le") + b"\x00\xd8",
         "a\u00e9".encode("utf-16be") + b"\xdc", b"e\xcc\x81\xcc\x81 x", bytes(range(256))]
for i, t in enumerate(texts):
    for enc in range(8):
        if i % 3 == enc % 3 or i < 2:
            put("text_decode", bytes([enc | ((i % 6) << 4), i * 37 % 256]) + t)

# message: selector (mode = s % 3: text, hex, escapes; ending = s // 3 % 4; encoding = s // 12).
for s, content in [(0, "hello\nworld"), (3 * 3, "GET / HTTP/1.0\nHost: x"), (1, "01 03 00 00 00 0a"),
                   (1 + 3 * 3, "01 03 {crc16-modbus}"), (2, "\\x00\\x01\\r\\n"),
                   (2 + 3, "PING {seq}\\r\\n"), (0 + 12 * 3, "\u4f60\u597d {seq:u16be}"),
                   (0 + 12 * 6, "a\u00e9 {time:iso}"), (1, "0g"), (0, "{nope}"), (0, "{{x}}"),
                   (1, "01 {crc32:1..3:le}"), (0, "{time} {time:unix_ms} {len}")]:
    put("message", sel(s, content))

# endpoint: selector (family = s % 4: any, AF_INET, AF_INET6, AF_UNIX), text.
for s, t in [(0, "127.0.0.1:80"), (0, "[::1]:8080"), (0, "[fe80::1%lo]:80"), (2, "::1"),
             (0, "/tmp/s.sock"), (0, "./rel.sock"), (3, "@abstract"), (3, "name"),
             (1, "1.2.3.4:70000"), (1, "239.1.2.3"), (2, "ff02::1234"), (2, "[ff15::1]"),
             (0, "localhost:5353"), (0x81, "127.0.0.1"), (1, ":80"), (0, "[::1"),
             (0, "10.0.0.1:"), (2, "ff02::1%lo")]:
    put("endpoint", sel(s, t))

# values: selector (parser = s % 12), text.
vals = {0: ["10%", "2.5", "100", "101", "abc"], 1: ["40ms", "1.5s", "250us", "40", "\u00b5s"],
        2: ["1MB/s", "512KB/s", "10Mbit/s", "10Mbps", "1000", "0", "1KiB/s"],
        3: ["1..16", "8", "0..1", "5..2", "1..65537"], 4: ["1000", "64KiB", "1MB", "1e20"],
        5: ["10M", "512k", "1G", "1.5M", "4096", "0", "5x", "1536"], 6: ["client", "server", "x"],
        7: ["original", "asap", "x2", "0.5", "2x", "x0", "x1000.1"], 8: ["2", "0.5", "0.001"],
        9: ["none", "LF", "cr", "crlf", "x"], 10: ["crc16-modbus", "CRC16_MODBUS", "crc16modbus",
        "CRC-16/CCITT-FALSE", "crc32", "sum8", "xor8", "lrc"],
        11: ["utf-8", "gbk", "gb2312", "sjis", "cp932", "iso-8859-1", "latin1", "us-ascii",
             "pcapng", "text", "log"]}
for s, texts in vals.items():
    for t in texts:
        put("values", sel(s, t))

# framing: selector (framing text length = s % 64), text, stream.
for spec, stream in [("raw", b"abc"), ("lf", b"ab\ncd\nef"), ("crlf", b"a\r\r\nb\r\n"),
                     ("cr", b"x\ry"), ("nul", b"ab\x00\x00"), ("delim:\\x03\\r", b"a\x03\rb"),
                     ("delimhex:00ff", b"a\x00\xffb\x00"), ("fixed:3", b"abcdefgh"),
                     ("fixed:10,max:4", b"0123456789ab"), ("len:1", b"\x02ab\x00\x05abc"),
                     ("len:2be", b"\x00\x03abc\x00"), ("len:2le+hdr,max:99", b"\x05\x00abc\x01\x00"),
                     ("len:4be+hdr", b"\x00\x00\x00\x02xx"), ("len:4le", b"\x01\x00\x00\x00z"),
                     ("idle:75", b"abc"), ("idle:1ms", b"x"), ("lf,max:1", b"ab\n\n"),
                     ("LEN:2LE", b"\x01\x00a"), ("len:3", b"")]:
    put("framing", bytes([len(spec)]) + spec.encode() + stream)

# reply_template: selector (syntax = s % 2: text, hex; length = s // 2), template, message.
for syntax, t, msg in [(0, "PONG\\r\\n", "PING"), (0, "{0}", "hello"), (0, "{1}={2};", "x=42;"),
                       (0, "{len} #{seq} {seq:u8}{len:u32be}{seq:u16le}", "abc"),
                       (0, "[{time}] {time:iso} {time:unix} {time:unix_ms}", ""),
                       (0, "{{{len}}}", "x"), (1, "01 03 02 {1} {crc16-modbus}", "\x01\x03"),
                       (1, "{0} {crc32:4..} {crc16-ccitt:2..:le} {sum8:1..9} {xor8} {lrc:be}", "123456789"),
                       (0, "{nope}", ""), (1, "0", ""), (0, "{100}", ""), (0, "{crc32:9..1}", "")]:
    put("reply_template", bytes([syntax + 2 * len(t)]) + t.encode() + msg.encode())

# responder: rule line, then messages (one a line).
for rule, msgs in [("ping=>pong", "a ping\nno"), ("start:GET=>200 OK\\r\\n", "GET /\nPOST"),
                   ("re:^GET (\\S+)=>200 {1}\\r\\n", "GET /index\nGET"),
                   ("hex:01 03 ?? *=>hex:01 83 02 {crc16-modbus}", "\x01\x03\x00\x01\x02"),
                   ("any:=>{0}", "x\ny"), ("contains:a\\x00b=>{len:u16be}", "a\x00b"),
                   ("re:(a+)+b=>{1}", "aaaaaaaaaaaaaaaaaaaaaaaaaaaa"), ("re:(=>x", ""),
                   ("hex:zz=>x", ""), ("x=>{2}", "")]:
    put("responder", rule + "\n" + msgs)

# sequence: text; lines after "---" are the received messages.
for seq in ["send PING {seq}\\r\\nexpect:start PONG within 500\n---\nPONG 1",
            "# comment\n\nsendhex 01 03 00 00 00 01 {crc16-modbus}\nexpect:hex 01 03 * within 100\n---\n\x01\x03\x02",
            "repeat 3\nsend a\nwait 10\nend\nexpect:any within 5",
            "repeat 2\nrepeat 2\nsend {seq}\nend\nwait 1\nend",
            "expect:re ^(\\d+) within 50\nsend got {1}\n---\n42",
            "send a\nsned b", "wait soon", "expect x", "expect:like x within 5", "end",
            "repeat 2\nsend a", "wait 0", "expect:re ( within 5", "send {nope}", "repeat 0\nend"]:
    put("sequence", seq)

# record_filter: selector (kind = s % 5: any, contains, start, re, hex; flags), pattern, content.
for s, pattern, content in [(0, "", "anything"), (1, "GET", "xx GET /"), (2, "\\x01", "\x01\x02"),
                            (3, "^HTTP/1\\.[01] (\\d+)", "HTTP/1.1 200"), (4, "01 ?? *", "\x01\x02\x03"),
                            (3, "a(b", ""), (4, "0g", ""), (1 | 0x40, "refused", "connection refused"),
                            (3 | 0x80, "gap", "gap server->client: 10 bytes")]:
    put("record_filter", sel(s, pattern + "\n" + content))


# IP packets (packet target, and inside the capture files).
def csum(data):
    if len(data) % 2:
        data += b"\x00"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff


def ip4(src, dst, proto, payload, ident=1, frag=0, opts=b""):
    ihl = 5 + len(opts) // 4
    h = struct.pack("!BBHHHBBH4s4s", 0x40 | ihl, 0, 4 * ihl + len(payload), ident, frag, 64,
                    proto, 0, bytes(src), bytes(dst)) + opts
    h = h[:10] + struct.pack("!H", csum(h)) + h[12:]
    return h + payload


def ip6(src, dst, nxt, payload, ext=b""):
    return struct.pack("!IHBB16s16s", 0x60000000, len(ext) + len(payload), nxt, 64, bytes(src),
                       bytes(dst)) + ext + payload


def tcp(sport, dport, seq, ack, flags, data=b"", opts=b"", pseudo=None):
    off = 5 + len(opts) // 4
    h = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xffffffff, ack & 0xffffffff, off << 4, flags,
                    64240, 0, 0) + opts
    seg = h + data
    if pseudo is not None:
        c = csum(pseudo(len(seg)) + seg)
        seg = seg[:16] + struct.pack("!H", c) + seg[18:]
    return seg


def udp(sport, dport, data, pseudo=None):
    seg = struct.pack("!HHHH", sport, dport, 8 + len(data), 0) + data
    if pseudo is not None:
        seg = seg[:6] + struct.pack("!H", csum(pseudo(len(seg)) + seg) or 0xffff) + seg[8:]
    return seg


A4, B4 = [192, 0, 2, 1], [192, 0, 2, 2]
A6 = [0x20, 0x01, 0x0d, 0xb8] + [0] * 11 + [1]
B6 = [0x20, 0x01, 0x0d, 0xb8] + [0] * 11 + [2]
P4 = lambda proto: (lambda n: bytes(A4) + bytes(B4) + struct.pack("!BBH", 0, proto, n))
P6 = lambda proto: (lambda n: bytes(A6) + bytes(B6) + struct.pack("!IxxxB", n, proto))
SYN, ACK, PSH, FIN, RST = 0x02, 0x10, 0x08, 0x01, 0x04
MSS_WS_SACK = b"\x02\x04\x05\xb4\x01\x03\x03\x07\x04\x02\x08\x0a\x00\x00\x00\x01\x00\x00\x00\x00"

packets = [
    ip4(A4, B4, 6, tcp(40000, 7000, 1000, 0, SYN, opts=MSS_WS_SACK, pseudo=P4(6))),
    ip4(A4, B4, 6, tcp(40000, 7000, 1001, 5001, ACK | PSH, b"hello\n", pseudo=P4(6))),
    ip4(A4, B4, 17, udp(5000, 53, b"query", pseudo=P4(17))),
    ip4(A4, B4, 1, b"\x08\x00\x00\x00\x12\x34\x00\x01ping"),
    ip4(B4, A4, 1, b"\x03\x03\x00\x00\x00\x00\x00\x00" + ip4(A4, B4, 17, udp(5000, 9, b"x"))[:28]),
    ip4(A4, B4, 17, udp(5000, 53, b"frag"), ident=7, frag=0x2000),
    ip4(A4, B4, 17, b"tail", ident=7, frag=185),
    ip6(A6, B6, 6, tcp(40000, 7000, 1, 0, SYN | ACK, pseudo=P6(6))),
    ip6(A6, B6, 17, udp(1, 2, b"v6", pseudo=P6(17))),
    ip6(A6, B6, 58, b"\x80\x00\x00\x00\x00\x01\x00\x01"),
    ip6(A6, B6, 0, udp(1, 2, b"hbh"), ext=b"\x11\x00\x01\x04\x00\x00\x00\x00"),
    ip6(A6, B6, 44, udp(1, 2, b"f6"), ext=b"\x11\x00\x00\x01\x00\x00\x00\x05"),
    ip4(A4, B4, 6, tcp(1, 2, 3, 4, RST))[:30],
]
for i, p in enumerate(packets):
    put("packet", bytes([i * 2]) + p)
    if i < 4:
        put("packet", bytes([1 + i * 2]) + p)
# A series with TCP analysis (2-byte lengths): handshake, data, retransmission, dup ACK.
flow = [ip4(A4, B4, 6, tcp(40000, 7000, 1000, 0, SYN, opts=MSS_WS_SACK)),
        ip4(B4, A4, 6, tcp(7000, 40000, 5000, 1001, SYN | ACK, opts=MSS_WS_SACK)),
        ip4(A4, B4, 6, tcp(40000, 7000, 1001, 5001, ACK, b"abc")),
        ip4(A4, B4, 6, tcp(40000, 7000, 1001, 5001, ACK, b"abc")),
        ip4(B4, A4, 6, tcp(7000, 40000, 5001, 1004, ACK)),
        ip4(B4, A4, 6, tcp(7000, 40000, 5001, 1004, ACK)),
        ip4(A4, B4, 6, tcp(40000, 7000, 1004, 5001, FIN | ACK))]
put("packet", b"\x00" + b"".join(struct.pack("!H", len(p)) + p for p in flow))

# tcp_reassembly: FuzzedDataProvider input (integers come from the end); a few random-ish blobs.
for n in range(6):
    put("tcp_reassembly", hashlib.sha512(str(n).encode()).digest() * (n + 1))


# Capture files (pcap_import): Ethernet, Linux cooked and raw IP pcap; pcapng.
def conversation():
    f = []
    c, s = 40000, 7000
    f.append(ip4(A4, B4, 6, tcp(c, s, 100, 0, SYN, opts=MSS_WS_SACK)))
    f.append(ip4(B4, A4, 6, tcp(s, c, 0xfffffff0, 101, SYN | ACK)))
    f.append(ip4(A4, B4, 6, tcp(c, s, 101, 0xfffffff1, ACK | PSH, b"hello there\n")))
    f.append(ip4(B4, A4, 6, tcp(s, c, 0xfffffff1 + 20, 113, ACK | PSH, b"second")))
    f.append(ip4(B4, A4, 6, tcp(s, c, 0xfffffff1, 113, ACK | PSH, b"first part, ok\n\n\n\n\n")))
    f.append(ip4(B4, A4, 6, tcp(s, c, 0xfffffff1, 113, ACK | PSH, b"first part, ok\n\n\n\n\n")))
    f.append(ip4(A4, B4, 6, tcp(c, s, 113, 0xfffffff1 + 26, ACK | FIN)))
    f.append(ip4(B4, A4, 6, tcp(s, c, 0xfffffff1 + 26, 114, ACK | FIN)))
    f.append(ip4(A4, B4, 6, tcp(40001, s, 9, 0, SYN)))
    f.append(ip4(B4, A4, 6, tcp(s, 40001, 0, 10, RST | ACK)))
    f.append(ip4(A4, B4, 17, udp(5000, 53, b"query")))
    f.append(ip4(B4, A4, 17, udp(53, 5000, b"answer!")))
    f.append(ip6(A6, B6, 17, udp(5001, 53, b"six")))
    return f


def eth(ip):
    kind = 0x86dd if ip[0] >> 4 == 6 else 0x0800
    return b"\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01" + struct.pack("!H", kind) + ip


def sll(ip):
    kind = 0x86dd if ip[0] >> 4 == 6 else 0x0800
    return struct.pack("!HHH8sH", 0, 1, 6, b"\x02\x00\x00\x00\x00\x01\x00\x00", kind) + ip


def pcap(link, frames, snap=65535):
    out = struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, snap, link)
    for i, fr in enumerate(frames):
        cut = fr[:snap]
        out += struct.pack("<IIII", 1700000000 + i, i * 1000, len(cut), len(fr)) + cut
    return out


def pcapng(link, frames):
    def block(kind, body):
        body += b"\x00" * (-len(body) % 4)
        return struct.pack("<II", kind, 12 + len(body)) + body + struct.pack("<I", 12 + len(body))
    out = block(0x0a0d0d0a, struct.pack("<IHHq", 0x1a2b3c4d, 1, 0, -1))
    out += block(1, struct.pack("<HHI", link, 0, 65535))
    for i, fr in enumerate(frames):
        ts = (1700000000 + i) * 1000000
        out += block(6, struct.pack("<IIIII", 0, ts >> 32, ts & 0xffffffff, len(fr), len(fr)) + fr)
    return out


frames = conversation()
put("pcap_import", pcap(1, [eth(f) for f in frames]))
put("pcap_import", pcap(113, [sll(f) for f in frames]))
put("pcap_import", pcap(101, frames, snap=40))
put("pcap_import", pcapng(1, [eth(f) for f in frames]))
put("pcap_import", pcap(1, [eth(f) for f in frames[:3]] + [b"\x00" * 20]))
put("pcap_import", pcap(1, [eth(f) for f in frames])[:-7])
print("seeds written under", CORPUS, file=sys.stderr)
