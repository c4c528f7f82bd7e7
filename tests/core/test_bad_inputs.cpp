// The bad-input table (tests/data/bad_inputs.json), rows of front end "core": each input goes
// through the core parser behind the field (the one both front ends call) and must fail with
// exactly the message of the row. The row's "where" names the parser ("parseHex",
// "Endpoint::parse(AF_INET)"...). {dir} in an input or a message is a temporary directory
// (file rows write their input there first).
//
// SOCKLAB_BAD_INPUTS_DUMP=file writes the table back with the messages the parsers give now
// (to review a change of wording, then copy over tests/data/bad_inputs.json).
#include "core/capture/live_save.h"
#include "core/capture/traffic_store.h"
#include "core/codec/escapes.h"
#include "core/codec/hex.h"
#include "core/codec/line_ending.h"
#include "core/codec/message_encoding.h"
#include "core/codec/pattern.h"
#include "core/codec/text_encode.h"
#include "core/impair/impairment_text.h"
#include "core/inspect/record_filter.h"
#include "core/lab/lab_message.h"
#include "core/net/endpoint.h"
#include "core/net/multicast_group.h"
#include "core/net/resolver.h"
#include "core/pcapimport/capture_import.h"
#include "core/play/replay_player.h"
#include "core/respond/framing.h"
#include "core/respond/message_fields.h"
#include "core/respond/reply_template.h"
#include "core/respond/responder.h"
#include "core/respond/sequence.h"
#include "core/vocab/open_request.h"
#include "core/workspace/workspace_json.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <functional>
#include <map>
#include <sys/socket.h>

using namespace socklab;

namespace {

/// A parser run on one input: the error's message, or "" when the input was accepted.
using Probe = std::function<std::string(const std::string& input, const std::string& dir)>;

template <class R> std::string messageOf(const R& r) {
    return r ? std::string() : r.error().message();
}

std::string writeFile(const std::string& dir, const std::string& name, const std::string& bytes) {
    const std::string path = dir + "/" + name;
    QFile f(QString::fromStdString(path));
    if (f.open(QIODevice::WriteOnly)) {
        f.write(bytes.data(), qint64(bytes.size()));
    }
    return path;
}

std::string labField(const std::string& input, int which) {
    LabSchedule s;
    const int value = std::atoi(input.c_str());
    if (which == 0) {
        s.count = value;
    } else if (which == 1) {
        s.size = std::size_t(value);
    } else {
        s.interval_ms = value;
    }
    return messageOf(s.validate());
}

std::string filterProbe(const std::string& input, MatchKind kind) {
    RecordFilter f;
    f.match = kind;
    f.pattern = input;
    return messageOf(validateFilter(f));
}

std::string templateProbe(const std::string& input, TemplateSyntax syntax) {
    return messageOf(ReplyTemplate::parse(input, syntax));
}

std::string fieldsProbe(const std::string& input, MessageMode mode) {
    return messageOf(
        renderMessage(mode, input, LineEnding::None, TextEncoding::Utf8, true, TemplateContext{}));
}

/// Every parser a row may name.
std::map<std::string, Probe> probes() {
    std::map<std::string, Probe> p;
    p["parseHex"] = [](const std::string& in, const std::string&) {
        return messageOf(parseHex(in));
    };
    p["unescape"] = [](const std::string& in, const std::string&) {
        return messageOf(unescape(in));
    };
    p["parsePattern(Text)"] = [](const std::string& in, const std::string&) {
        return messageOf(parsePattern(in, PatternKind::Text));
    };
    p["parsePattern(Escaped)"] = [](const std::string& in, const std::string&) {
        return messageOf(parsePattern(in, PatternKind::Escaped));
    };
    p["parsePattern(Hex)"] = [](const std::string& in, const std::string&) {
        return messageOf(parsePattern(in, PatternKind::Hex));
    };
    const std::pair<const char*, TextEncoding> encodings[] = {{"ASCII", TextEncoding::Ascii},
                                                              {"Latin-1", TextEncoding::Latin1},
                                                              {"Big5", TextEncoding::Big5},
                                                              {"Shift_JIS", TextEncoding::ShiftJis},
                                                              {"UTF-8", TextEncoding::Utf8}};
    for (const auto& [name, enc] : encodings) {
        p["encodeMessage(Text, " + std::string(name) + ")"] = [enc](const std::string& in,
                                                                    const std::string&) {
            return messageOf(encodeMessage(MessageMode::Text, in, LineEnding::None, enc));
        };
    }
    p["renderMessage(Text, fields)"] = [](const std::string& in, const std::string&) {
        return fieldsProbe(in, MessageMode::Text);
    };
    p["renderMessage(Hex, fields)"] = [](const std::string& in, const std::string&) {
        return fieldsProbe(in, MessageMode::Hex);
    };
    p["parseLineEnding"] = [](const std::string& in, const std::string&) {
        return messageOf(parseLineEnding(in));
    };
    const std::pair<const char*, int> families[] = {
        {"0", 0}, {"AF_INET", AF_INET}, {"AF_INET6", AF_INET6}, {"AF_UNIX", AF_UNIX}};
    for (const auto& [name, family] : families) {
        p["Endpoint::parse(" + std::string(name) + ")"] = [family](const std::string& in,
                                                                   const std::string&) {
            return messageOf(Endpoint::parse(in, family));
        };
        p["parseForFamily(" + std::string(name) + ")"] = [family](const std::string& in,
                                                                  const std::string&) {
            return messageOf(parseForFamily(in, family));
        };
        p["parseMulticastGroup(" + std::string(name) + ")"] = [family](const std::string& in,
                                                                       const std::string&) {
            return messageOf(parseMulticastGroup(in, family, "join multicast"));
        };
    }
    p["parsePort"] = [](const std::string& in, const std::string&) {
        return messageOf(parsePort(in));
    };
    p["splitHostPort"] = [](const std::string& in, const std::string&) {
        return messageOf(splitHostPort(in));
    };
    p["parsePercent(--loss)"] = [](const std::string& in, const std::string&) {
        return messageOf(parsePercent("--loss", in));
    };
    p["parseDurationMs(--delay)"] = [](const std::string& in, const std::string&) {
        return messageOf(parseDurationMs("--delay", in));
    };
    p["parseRate(--rate)"] = [](const std::string& in, const std::string&) {
        return messageOf(parseRate("--rate", in));
    };
    p["parseRange(--segment)"] = [](const std::string& in, const std::string&) {
        return messageOf(parseRange("--segment", in));
    };
    p["parseByteCount(--reset-after)"] = [](const std::string& in, const std::string&) {
        return messageOf(parseByteCount("--reset-after", in));
    };
    p["parseFraming"] = [](const std::string& in, const std::string&) {
        return messageOf(parseFraming(in));
    };
    p["ReplyTemplate::parse(Text)"] = [](const std::string& in, const std::string&) {
        return templateProbe(in, TemplateSyntax::Text);
    };
    p["ReplyTemplate::parse(Hex)"] = [](const std::string& in, const std::string&) {
        return templateProbe(in, TemplateSyntax::Hex);
    };
    p["parseRuleLine"] = [](const std::string& in, const std::string&) {
        return messageOf(parseRuleLine(in));
    };
    p["parseSequenceText"] = [](const std::string& in, const std::string&) {
        return messageOf(parseSequenceText(in, "seq"));
    };
    p["validateFilter(contains)"] = [](const std::string& in, const std::string&) {
        return filterProbe(in, MatchKind::Contains);
    };
    p["validateFilter(regex)"] = [](const std::string& in, const std::string&) {
        return filterProbe(in, MatchKind::Regex);
    };
    p["validateFilter(hex)"] = [](const std::string& in, const std::string&) {
        return filterProbe(in, MatchKind::HexPattern);
    };
    p["parseByteSize"] = [](const std::string& in, const std::string&) {
        return messageOf(parseByteSize(in));
    };
    p["parseSendQueueLimit"] = [](const std::string& in, const std::string&) {
        return messageOf(parseSendQueueLimit(in));
    };
    p["parseReplaySide"] = [](const std::string& in, const std::string&) {
        return messageOf(parseReplaySide(in));
    };
    p["parseReplayTiming"] = [](const std::string& in, const std::string&) {
        return messageOf(parseReplayTiming(in));
    };
    p["parseReplayFactor"] = [](const std::string& in, const std::string&) {
        return messageOf(parseReplayFactor(in));
    };
    p["LabSchedule::validate(count)"] = [](const std::string& in, const std::string&) {
        return labField(in, 0);
    };
    p["LabSchedule::validate(size)"] = [](const std::string& in, const std::string&) {
        return labField(in, 1);
    };
    p["LabSchedule::validate(interval_ms)"] = [](const std::string& in, const std::string&) {
        return labField(in, 2);
    };
    p["checkDestination(AF_INET UDP)"] = [](const std::string& in, const std::string&) {
        return messageOf(checkDestination(in, SocketSpec{AF_INET, SOCK_DGRAM, 0}));
    };
    p["checkSequenceName"] = [](const std::string& in, const std::string&) {
        return messageOf(checkSequenceName(in));
    };
    p["checkSpillDirectory"] = [](const std::string& in, const std::string&) {
        return messageOf(checkSpillDirectory(in));
    };
    p["checkLiveSaveSettings(path)"] = [](const std::string& in, const std::string&) {
        LiveSaveSettings s;
        s.path = in;
        return messageOf(checkLiveSaveSettings(s));
    };
    p["parseWorkspace"] = [](const std::string& in, const std::string&) {
        return messageOf(parseWorkspace(in, "workspace.json"));
    };
    p["loadWorkspace(file)"] = [](const std::string& in, const std::string& dir) {
        return messageOf(loadWorkspace(writeFile(dir, "workspace.json", in)));
    };
    p["loadWorkspace(path)"] = [](const std::string& in, const std::string&) {
        return messageOf(loadWorkspace(in));
    };
    p["listCaptureConversations(file)"] = [](const std::string& in, const std::string& dir) {
        return messageOf(listCaptureConversations(writeFile(dir, "capture.pcap", in)));
    };
    p["listCaptureConversations(path)"] = [](const std::string& in, const std::string&) {
        return messageOf(listCaptureConversations(in));
    };
    return p;
}

QString replaceDir(QString text, const QString& dir) {
    return text.replace(QStringLiteral("{dir}"), dir);
}

QJsonArray readTable() {
    QFile f(QStringLiteral(SOCKLAB_SOURCE_DIR "/tests/data/bad_inputs.json"));
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QJsonDocument::fromJson(f.readAll()).array();
}

QString rowName(const QJsonObject& row) {
    return row[QStringLiteral("area")].toString() + QStringLiteral(" / ") +
           row[QStringLiteral("field")].toString() + QStringLiteral(" / ") +
           row[QStringLiteral("input")].toString().left(40).toHtmlEscaped();
}

} // namespace

class TestBadInputs : public QObject {
    Q_OBJECT
private:
    std::map<std::string, Probe> m_probes = probes();
    QTemporaryDir m_dir;

private slots:
    void tableIsWellFormed() {
        const QJsonArray table = readTable();
        QVERIFY2(table.size() > 100, "tests/data/bad_inputs.json missing or small");
        const QStringList keys{"area", "field", "frontend", "where", "input", "message"};
        for (const auto& v : table) {
            const QJsonObject row = v.toObject();
            for (const QString& k : keys) {
                QVERIFY2(row[k].isString(), qPrintable(k + QStringLiteral(" in ") + rowName(row)));
            }
            const QString fe = row[QStringLiteral("frontend")].toString();
            QVERIFY2(fe == QStringLiteral("core") || fe == QStringLiteral("gui") ||
                         fe == QStringLiteral("cli"),
                     qPrintable(rowName(row)));
            QVERIFY2(!row[QStringLiteral("message")].toString().isEmpty(),
                     qPrintable(rowName(row)));
        }
    }

    void coreParserSaysExactly_data() {
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("message");
        QSet<QString> seen;
        for (const auto& v : readTable()) {
            const QJsonObject row = v.toObject();
            if (row[QStringLiteral("frontend")].toString() != QStringLiteral("core")) {
                continue;
            }
            QString name = rowName(row);
            for (int n = 2; seen.contains(name); ++n) {
                name = rowName(row) + QStringLiteral(" #%1").arg(n);
            }
            seen.insert(name);
            QTest::newRow(qPrintable(name)) << row[QStringLiteral("where")].toString()
                                            << row[QStringLiteral("input")].toString()
                                            << row[QStringLiteral("message")].toString();
        }
    }
    void coreParserSaysExactly() {
        QFETCH(QString, where);
        QFETCH(QString, input);
        QFETCH(QString, message);
        QVERIFY(m_dir.isValid());
        const auto probe = m_probes.find(where.toStdString());
        QVERIFY2(probe != m_probes.end(), qPrintable(QStringLiteral("no parser ") + where));
        const std::string said = probe->second(replaceDir(input, m_dir.path()).toStdString(),
                                               m_dir.path().toStdString());
        QVERIFY2(!said.empty(), "accepted: a bad input must be refused");
        QCOMPARE(QString::fromStdString(said), replaceDir(message, m_dir.path()));
    }

    // SOCKLAB_BAD_INPUTS_DUMP: the table with today's messages of the core rows (see top).
    void dumpWhenAsked() {
        const QByteArray out = qgetenv("SOCKLAB_BAD_INPUTS_DUMP");
        if (out.isEmpty()) {
            QSKIP("SOCKLAB_BAD_INPUTS_DUMP not set");
        }
        QJsonArray table = readTable();
        for (qsizetype i = 0; i < table.size(); ++i) {
            QJsonObject row = table[i].toObject();
            const auto probe = m_probes.find(row[QStringLiteral("where")].toString().toStdString());
            if (row[QStringLiteral("frontend")].toString() != QStringLiteral("core") ||
                probe == m_probes.end()) {
                continue;
            }
            QString said = QString::fromStdString(probe->second(
                replaceDir(row[QStringLiteral("input")].toString(), m_dir.path()).toStdString(),
                m_dir.path().toStdString()));
            said.replace(m_dir.path(), QStringLiteral("{dir}"));
            row[QStringLiteral("message")] = said.isEmpty() ? QStringLiteral("ACCEPTED") : said;
            table[i] = row;
        }
        QFile f(QString::fromLocal8Bit(out));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(table).toJson());
    }
};

QTEST_APPLESS_MAIN(TestBadInputs)
#include "test_bad_inputs.moc"
