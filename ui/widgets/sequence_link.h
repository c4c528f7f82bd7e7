#pragma once

#include "core/respond/framing.h"
#include "core/vocab/ids.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <functional>

namespace socklab::ui {

class SequenceController;
class SequencePanel;
class SessionHandle;

/// Connects a tab's Sequences box to the controller that runs them on its session: Run takes
/// the sequence as typed with what the tab knows at that moment (its framing, datagram target,
/// and whether it is a listener), and the progress comes back to the box.
class SequenceLink : public QObject {
    Q_OBJECT
public:
    /// What a run needs from the tab when it starts.
    struct Context {
        socklab::FramingSpec framing;
        QString destination;                  ///< datagram target ("" = connected peer)
        socklab::ConnectionId connection = 0; ///< kAllConnections for a listener
        bool datagram = false;
    };

    SequenceLink(SequencePanel* panel, SessionHandle* handle, std::function<Context()> context,
                 QObject* parent = nullptr);

    [[nodiscard]] SequenceController* controller() const { return m_controller; }

private:
    void run();
    void updateState();

    SequencePanel* m_panel;
    SequenceController* m_controller;
    std::function<Context()> m_context;
};

} // namespace socklab::ui
