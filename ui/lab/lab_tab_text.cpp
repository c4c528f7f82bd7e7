// LabTab's texts: buttons, pages, names and the status, set again in the new language on a
// language change (settings, results and the run stay).
#include "ui/i18n/retranslate.h"
#include "ui/lab/lab_messages_model.h"
#include "ui/lab/lab_result_model.h"
#include "ui/lab/lab_tab.h"
#include "ui/lab/ladder_view.h"
#include "ui/lab/wire_packet_model.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>

namespace socklab::ui {

void LabTab::retranslate() {
    m_run->setText(tr("&Run"));
    m_run->setAccessibleName(tr("Run the lab"));
    m_stop->setText(tr("S&top"));
    m_stop->setAccessibleName(tr("Stop the lab"));
    m_status->setAccessibleName(tr("Lab status"));
    m_resultView->setAccessibleName(tr("Lab figures"));
    m_messageView->setAccessibleName(tr("Message fates"));
    m_packetView->setAccessibleName(tr("Wire packets"));
    m_details->setAccessibleName(tr("Lab details"));
    m_details->setTabText(0, tr("&Messages"));
    m_details->setTabText(1, tr("L&adder"));
    m_details->setTabText(2, tr("&Packets on the wire"));
    // No mnemonic: every free letter is taken by the settings and impairment editors; the tab
    // bar is reached with Tab and its pages with the arrow keys (or Ctrl+Tab inside).
    m_details->setTabText(3, tr("TCP over time"));
    m_packetsHint->setText(tr("Every IP packet as host A or B sent it, with what the wire did "
                              "to it."));
    m_saveWire->setText(tr("Export wire pcapn&g…"));
    m_saveWire->setAccessibleName(tr("Export the wire as pcapng"));
    m_saveWire->setToolTip(tr("Raw IP packets for Wireshark or tshark; each packet's fate is its "
                              "comment"));
    m_saveSockets->setText(tr("Export soc&ket captures…"));
    m_saveSockets->setAccessibleName(tr("Export the lab sockets' captures as pcapng"));
    m_saveSockets->setToolTip(tr("What each lab socket sent and received, one pcapng file per "
                                 "socket, next to the wire's packets"));
    m_packetBytes->setAccessibleName(tr("Packet bytes"));
    m_packetBytes->setPlaceholderText(tr("Select a packet (here or on the ladder) to see its "
                                         "bytes."));
    m_ladderMode->setAccessibleName(tr("Ladder rows"));
    m_ladderMode->setItemText(0, tr("Sequence (one row per event)"));
    m_ladderMode->setItemText(1, tr("Time (arrows slope with the delay)"));
    m_follow->setText(tr("&Follow live"));
    m_saveLadder->setText(tr("Export P&NG / SVG…"));
    m_saveLadder->setAccessibleName(tr("Export the ladder"));
    m_ladderLabel->setText(tr("Ro&ws:"));
    m_timelineHint->setText(tr("The TCP sender's TCP_INFO every 250 ms next to what the wire "
                               "saw: each dropped data segment is sent again, and the "
                               "congestion window shrinks."));
    m_saveCsv->setText(tr("Export CSV…"));
    m_saveCsv->setAccessibleName(tr("Export TCP over time as CSV"));
    m_readout->setAccessibleName(tr("TCP at the cursor"));
}

void LabTab::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() != QEvent::LanguageChange) {
        return;
    }
    retranslate();
    for (QAbstractItemModel* model :
         std::initializer_list<QAbstractItemModel*>{m_results, m_messages, m_packets}) {
        retranslateModel(model);
    }
    if (m_statusText) {
        showStatus(m_statusText);
    }
    showHostTitles();
    emit titleChanged(title());
}

void LabTab::showHostTitles() {
    if (!m_v6) {
        return;
    }
    const bool v6 = *m_v6;
    m_ladder->setHostTitles(
        tr("A %1").arg(v6 ? QStringLiteral("2001:db8::1") : QStringLiteral("192.0.2.1")),
        tr("B %1").arg(v6 ? QStringLiteral("2001:db8::2") : QStringLiteral("192.0.2.2")));
}

} // namespace socklab::ui
