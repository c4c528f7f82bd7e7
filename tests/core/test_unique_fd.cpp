// UniqueFd owns a descriptor: closed exactly once by whoever owns it last. Checked against the
// kernel (fcntl F_GETFD fails with EBADF once the descriptor is closed), not against the class.
#include "core/base/unique_fd.h"

#include <QTest>
#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

using namespace socklab;

namespace {

// True while fd names an open descriptor of this process.
bool isOpen(int fd) {
    errno = 0;
    return ::fcntl(fd, F_GETFD) != -1;
}

// An fd known to be closed now: fcntl fails with EBADF.
bool isClosed(int fd) {
    errno = 0;
    return ::fcntl(fd, F_GETFD) == -1 && errno == EBADF;
}

// A pipe's read end (the write end is closed at once); the test owns it.
int freshFd() {
    int fds[2] = {-1, -1};
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        return -1;
    }
    ::close(fds[1]);
    return fds[0];
}

} // namespace

class TestUniqueFd : public QObject {
    Q_OBJECT
private slots:
    void closesOnDestruction() {
        const int fd = freshFd();
        QVERIFY2(fd >= 0, "pipe2 failed");
        {
            UniqueFd owner(fd);
            QCOMPARE(owner.get(), fd);
            QVERIFY(owner.valid());
            QVERIFY(isOpen(fd));
        }
        QVERIFY(isClosed(fd));
    }

    void emptyByDefault() {
        UniqueFd none;
        QCOMPARE(none.get(), -1);
        QVERIFY(!none);
        QCOMPARE(none.release(), -1);
        QCOMPARE(none.close(), 0);
    }

    void moveLeavesTheSourceEmpty() {
        const int fd = freshFd();
        QVERIFY(fd >= 0);
        UniqueFd a(fd);
        UniqueFd b(std::move(a));
        QCOMPARE(a.get(), -1); // NOLINT(bugprone-use-after-move): the point of the test
        QCOMPARE(b.get(), fd);
        QVERIFY(isOpen(fd));

        UniqueFd c;
        c = std::move(b);
        QCOMPARE(b.get(), -1); // NOLINT(bugprone-use-after-move)
        QCOMPARE(c.get(), fd);
        QVERIFY(isOpen(fd));
        c.reset();
        QVERIFY(isClosed(fd));
    }

    void moveAssignClosesTheTargetsOldFd() {
        const int first = freshFd();
        const int second = freshFd();
        QVERIFY(first >= 0 && second >= 0);
        UniqueFd a(first);
        UniqueFd b(second);
        a = std::move(b);
        QVERIFY(isClosed(first));
        QVERIFY(isOpen(second));
        QCOMPARE(a.get(), second);
    }

    void releaseHandsOwnershipOver() {
        const int fd = freshFd();
        QVERIFY(fd >= 0);
        int taken = -1;
        {
            UniqueFd owner(fd);
            taken = owner.release();
            QCOMPARE(owner.get(), -1);
        }
        QCOMPARE(taken, fd);
        QVERIFY(isOpen(fd)); // not closed by the former owner
        QCOMPARE(closeDescriptor(taken), 0);
        QVERIFY(isClosed(fd));
    }

    void resetClosesAndTakesTheNewFd() {
        const int first = freshFd();
        const int second = freshFd();
        QVERIFY(first >= 0 && second >= 0);
        UniqueFd owner(first);
        owner.reset(second);
        QVERIFY(isClosed(first));
        QCOMPARE(owner.get(), second);
        owner.reset(second); // the same fd again: kept, not closed
        QVERIFY(isOpen(second));
        owner.reset();
        QVERIFY(isClosed(second));
        QVERIFY(!owner);
    }

    void closeReportsTheErrno() {
        const int fd = freshFd();
        QVERIFY(fd >= 0);
        UniqueFd owner(fd);
        QCOMPARE(owner.close(), 0);
        QVERIFY(isClosed(fd));
        QVERIFY(!owner);
        // A descriptor that is no longer open: close() says EBADF instead of pretending.
        QCOMPARE(closeDescriptor(fd), EBADF);
        QCOMPARE(closeDescriptor(-1), 0);
    }
};

QTEST_APPLESS_MAIN(TestUniqueFd)
#include "test_unique_fd.moc"
