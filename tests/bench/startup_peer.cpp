// The peer of bench_gui_startup: the least a Qt Widgets program does to show a window (a
// QApplication and an empty 1280x820 QMainWindow), with the same first-paint probe as
// app/main.cpp (SOCKLAB_STARTUP_PROBE: print "socklab-first-paint <steady_clock ns>" on stderr
// after the first paint; "quit" then quits). SockLab's start-up over this is its own cost.
#include <QApplication>
#include <QMainWindow>
#include <QTimer>
#include <chrono>
#include <cstdio>

namespace {

class FirstPaintProbe : public QObject {
public:
    explicit FirstPaintProbe(bool quit) : m_quit(quit) {}

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (!m_seen && event->type() == QEvent::Paint) {
            m_seen = true;
            QTimer::singleShot(0, this, [this] {
                const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                    std::chrono::steady_clock::now().time_since_epoch());
                std::fprintf(stderr, "socklab-first-paint %lld\n",
                             static_cast<long long>(ns.count()));
                if (m_quit) {
                    QCoreApplication::quit();
                }
            });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    bool m_quit;
    bool m_seen = false;
};

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QMainWindow window;
    window.resize(1280, 820); // SockLab's first-start size
    window.show();
    const QByteArray probe = qgetenv("SOCKLAB_STARTUP_PROBE");
    FirstPaintProbe firstPaint(probe == "quit");
    if (!probe.isEmpty()) {
        app.installEventFilter(&firstPaint);
    }
    return QApplication::exec();
}
