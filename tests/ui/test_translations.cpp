// The zh_CN translation is complete, current and consistent, and reaches core's texts: every
// string lupdate extracts from the GUI, the GUI's main and core (SL_TR / SL_N markers) is in
// resources/translations/socklab_zh_CN.ts with a finished translation that keeps its
// placeholders and its mnemonic; the .qm is compiled into the resources; with the language
// applied, the socket catalog, kernel verdicts and error causes made by core come out in Chinese.
#include "core/base/error.h"
#include "core/base/translate.h"
#include "core/capture/record_text.h"
#include "core/net/socket_spec.h"
#include "ui/i18n/core_text.h"
#include "ui/i18n/language.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTranslator>
#include <QXmlStreamReader>
#include <QtTest>
#include <cerrno>
#include <netinet/in.h>
#include <sys/socket.h>

using namespace socklab;
using namespace socklab::ui;

namespace {

struct TsMessage {
    QString context;
    QString source;
    QStringList translations; ///< one, or the numerus forms
    bool finished = true;
    QString where() const { return context + QStringLiteral(" | ") + source; }
};

QList<TsMessage> readTs(const QString& path, QString* error) {
    QList<TsMessage> out;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot open ") + path;
        return out;
    }
    QXmlStreamReader xml(&file);
    QString context;
    TsMessage current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) {
            if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
                out.push_back(current);
            }
            continue;
        }
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            current = TsMessage{context, {}, {}, true};
        } else if (name == QLatin1String("source")) {
            current.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            const auto type = xml.attributes().value(QLatin1String("type"));
            current.finished = type.isEmpty();
            // Either text or <numerusform> children.
            QString text;
            while (!xml.atEnd()) {
                xml.readNext();
                if (xml.isCharacters()) {
                    text += xml.text();
                } else if (xml.isStartElement() && xml.name() == QLatin1String("numerusform")) {
                    current.translations << xml.readElementText();
                } else if (xml.isEndElement() && xml.name() == QLatin1String("translation")) {
                    break;
                }
            }
            if (current.translations.isEmpty()) {
                current.translations << text;
            }
        }
    }
    if (xml.hasError()) {
        *error = path + QStringLiteral(": ") + xml.errorString();
    }
    return out;
}

QString tsPath() {
    return QStringLiteral(SOCKLAB_SOURCE_DIR "/resources/translations/socklab_zh_CN.ts");
}

QSet<QString> placeholders(const QString& text) {
    static const QRegularExpression re(QStringLiteral("%(?:[1-9]|n)"));
    QSet<QString> out;
    for (auto it = re.globalMatch(text); it.hasNext();) {
        out.insert(it.next().captured());
    }
    return out;
}

/// The mnemonic letter ("Se&nd" -> 'N', "发送(&N)" -> 'N'); '\0' without one ("&&" is literal).
QChar mnemonic(const QString& text, int* count) {
    QChar letter;
    *count = 0;
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text[i] == u'&') {
            if (text[i + 1] == u'&') {
                ++i;
                continue;
            }
            // "&" followed by a space or punctuation is prose, not a mnemonic ("A & B").
            if (!text[i + 1].isLetterOrNumber()) {
                continue;
            }
            ++*count;
            letter = text[i + 1].toUpper();
        }
    }
    return letter;
}

bool hasCjk(const QString& text) {
    for (const QChar c : text) {
        if (c.unicode() >= 0x4e00 && c.unicode() <= 0x9fff) {
            return true;
        }
    }
    return false;
}

/// A source that is only identifiers, numbers, units or symbols may stay as it is.
bool mayStayAsIs(const QString& source) {
    static const QRegularExpression words(QStringLiteral("[a-z]{3,}"));
    QString rest = source;
    // Placeholders, names (TCP, Unix, Ping), identifiers (total_retrans), and the terms network
    // engineers use untranslated in Chinese too.
    rest.remove(QRegularExpression(
        QStringLiteral("%[1-9n]|[A-Z][A-Za-z0-9_]*|[a-z0-9]+_[a-z0-9_]+|&|\\b(ping|rtt|cwnd)\\b")));
    return !words.match(rest).hasMatch();
}

} // namespace

class TestTranslations : public QObject {
    Q_OBJECT
private slots:
    void init() { setTranslator({}); }

    void everyStringTranslated() {
        QString error;
        const auto messages = readTs(tsPath(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(messages.size() > 1500, qPrintable(QString::number(messages.size())));
        QStringList problems;
        for (const auto& m : messages) {
            const bool empty = std::any_of(m.translations.begin(), m.translations.end(),
                                           [](const QString& t) { return t.isEmpty(); });
            if (!m.finished || empty) {
                problems << QStringLiteral("unfinished: ") + m.where();
                continue;
            }
            for (const auto& t : m.translations) {
                if (placeholders(t) != placeholders(m.source)) {
                    problems << QStringLiteral("placeholders differ: ") + m.where() +
                                    QStringLiteral(" -> ") + t;
                }
                int sourceCount = 0;
                int count = 0;
                const QChar want = mnemonic(m.source, &sourceCount);
                const QChar got = mnemonic(t, &count);
                if (sourceCount == 1 && (count != 1 || got != want)) {
                    problems << QStringLiteral("mnemonic lost: ") + m.where() +
                                    QStringLiteral(" -> ") + t;
                }
                if (t.front().isSpace() != m.source.front().isSpace() ||
                    t.back().isSpace() != m.source.back().isSpace()) {
                    problems << QStringLiteral("edge spaces differ: ") + m.where() +
                                    QStringLiteral(" -> '") + t + QLatin1Char('\'');
                }
                if (!hasCjk(t) && !mayStayAsIs(m.source)) {
                    problems << QStringLiteral("not Chinese: ") + m.where() +
                                    QStringLiteral(" -> ") + t;
                }
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.mid(0, 40).join(u'\n') +
                                                QStringLiteral("\n(%1 problems)")
                                                    .arg(problems.size())));
    }

    // A string added to the GUI or core without running `update_translations` (and translating
    // it) fails here: lupdate is run over the same sources and options as the build's target.
    void translationFileIsCurrent() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString fresh = dir.filePath(QStringLiteral("fresh.ts"));
        QProcess lupdate;
        lupdate.setWorkingDirectory(QStringLiteral(SOCKLAB_SOURCE_DIR));
        lupdate.start(QStringLiteral(SOCKLAB_LUPDATE),
                      {QStringLiteral("-tr-function-alias"),
                       QStringLiteral("translate+=SL_TR,QT_TRANSLATE_NOOP+=SL_N"),
                       QStringLiteral("-locations"), QStringLiteral("none"),
                       QStringLiteral("-I"), QStringLiteral(SOCKLAB_SOURCE_DIR),
                       QStringLiteral("-extensions"), QStringLiteral("cpp,h"), QStringLiteral("ui"),
                       QStringLiteral("core"), QStringLiteral("app/main.cpp"),
                       QStringLiteral("-ts"), fresh});
        QVERIFY(lupdate.waitForFinished(120000));
        QVERIFY2(lupdate.exitCode() == 0, lupdate.readAllStandardError().constData());
        QString error;
        const auto extracted = readTs(fresh, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const auto committed = readTs(tsPath(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QSet<QString> have;
        for (const auto& m : committed) {
            have.insert(m.context + u'\x04' + m.source);
        }
        QSet<QString> want;
        QStringList missing;
        for (const auto& m : extracted) {
            want.insert(m.context + u'\x04' + m.source);
            if (!have.contains(m.context + u'\x04' + m.source)) {
                missing << m.where();
            }
        }
        QStringList stale;
        for (const auto& m : committed) {
            if (!want.contains(m.context + u'\x04' + m.source)) {
                stale << m.where();
            }
        }
        QVERIFY2(missing.isEmpty(),
                 qPrintable(QStringLiteral("not in the .ts (run the update_translations target "
                                           "and translate):\n") +
                            missing.mid(0, 40).join(u'\n')));
        QVERIFY2(stale.isEmpty(), qPrintable(QStringLiteral("no longer in the code:\n") +
                                             stale.mid(0, 40).join(u'\n')));
    }

    void compiledIntoResources() {
        QTranslator translator;
        QVERIFY(translator.load(QStringLiteral(":/i18n/socklab_zh_CN.qm")));
        QVERIFY(!translator.isEmpty());
        QCOMPARE(translator.language(), QStringLiteral("zh_CN"));
        // Qt's own dialog texts come along, whatever the machine has installed.
        QTranslator qt;
        QVERIFY(qt.load(QStringLiteral(":/i18n/qtbase_zh_CN.qm")));
        QVERIFY(hasCjk(qt.translate("QPlatformTheme", "Cancel")));
    }

    // The catalog's explanations, kernel verdicts and error causes come from core.
    void coreTextsComeOutInChinese() {
        LanguageManager language;
        QVERIFY(language.apply(QStringLiteral("zh_CN")));
        QCOMPARE(language.current(), QStringLiteral("zh_CN"));
        for (const auto& list : {families(), types(), protocols()}) {
            for (const auto& entry : list) {
                const QString text = coreText(entry.explanation);
                QVERIFY2(hasCjk(text), entry.name.data());
            }
        }
        QVERIFY(hasCjk(coreText(findType(SOCK_STREAM)->label)));

        const SocketSpec udpStream{AF_INET, SOCK_STREAM, IPPROTO_UDP};
        const auto verdict = explainOutcome(udpStream, EPROTONOSUPPORT);
        QVERIFY2(hasCjk(QString::fromStdString(verdict.summary)), verdict.summary.c_str());
        QVERIFY2(hasCjk(QString::fromStdString(verdict.explanation)), verdict.explanation.c_str());
        QCOMPARE(verdict.errnoName, std::string("EPROTONOSUPPORT"));
        const auto raw = explainOutcome({AF_INET, SOCK_RAW, IPPROTO_ICMP}, EPERM);
        QVERIFY2(hasCjk(QString::fromStdString(raw.remedy)), raw.remedy.c_str());
        QVERIFY2(raw.remedy.find("setcap cap_net_raw+ep") != std::string::npos, raw.remedy.c_str());

        const auto refused = sysError(ECONNREFUSED, "connect", "127.0.0.1:9").message();
        QVERIFY2(hasCjk(QString::fromStdString(refused)), refused.c_str());
        QVERIFY2(refused.find("ECONNREFUSED") != std::string::npos, refused.c_str());
        QVERIFY2(refused.find("127.0.0.1:9") != std::string::npos, refused.c_str());

        // An imported gap note stays English in the capture (replay reads it back) and is shown
        // in Chinese.
        const std::string gap =
            streamGapText(Direction::Out, "1448 bytes missing at seq 1001 (not captured)");
        const QString shownGap = QString::fromStdString(readableRecordText(gap));
        QVERIFY2(hasCjk(shownGap) && shownGap.contains(QStringLiteral("1448")) &&
                     shownGap.contains(QStringLiteral("1001")),
                 qPrintable(shownGap));
        QCOMPARE(readableRecordText("connected to 127.0.0.1:9"), std::string("connected to 127.0.0.1:9"));

        // Back to English: the same calls give the source texts.
        QVERIFY(language.apply(QStringLiteral("en")));
        QCOMPARE(explainOutcome(udpStream, EPROTONOSUPPORT).summary,
                 std::string("Protocol not supported"));
        QVERIFY(!hasCjk(QString::fromStdString(errnoText(ECONNREFUSED))));
        QCOMPARE(coreText(findType(SOCK_STREAM)->label), QStringLiteral("Stream"));
        QCOMPARE(readableRecordText(gap), gap);
    }

    void languageFollowsTheSystemLocale() {
        QCOMPARE(resolveLanguage(QString(), QLocale(QStringLiteral("zh_CN"))),
                 QStringLiteral("zh_CN"));
        QCOMPARE(resolveLanguage(QString(), QLocale(QStringLiteral("zh_SG"))),
                 QStringLiteral("zh_CN"));
        QCOMPARE(resolveLanguage(QString(), QLocale(QStringLiteral("zh_TW"))),
                 QStringLiteral("en"));
        QCOMPARE(resolveLanguage(QString(), QLocale(QStringLiteral("de_DE"))),
                 QStringLiteral("en"));
        QCOMPARE(resolveLanguage(QStringLiteral("en"), QLocale(QStringLiteral("zh_CN"))),
                 QStringLiteral("en"));
        QCOMPARE(resolveLanguage(QStringLiteral("zh_CN"), QLocale(QStringLiteral("en_US"))),
                 QStringLiteral("zh_CN"));
        QCOMPARE(resolveLanguage(QStringLiteral("klingon"), QLocale(QStringLiteral("en_US"))),
                 QStringLiteral("en"));
    }
};

QTEST_MAIN(TestTranslations)
#include "test_translations.moc"
