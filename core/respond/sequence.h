#pragma once

#include "core/base/result.h"
#include "core/codec/bytes.h"
#include "core/respond/responder.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace socklab {

/// One step of a sequence.
struct SequenceStep {
    enum class Kind : std::uint8_t {
        Send = 1, ///< send `text` (a ReplyTemplate in `syntax`; {seq} = sends so far, {1}.. =
                  ///< the captures of the last satisfied Expect)
        Wait,     ///< pause `ms` milliseconds
        Expect,   ///< wait up to `ms` for a received message matching (`match`, `text`)
        Repeat,   ///< run the steps up to the matching End `count` times
        End,      ///< ends the innermost Repeat
    };
    Kind kind = Kind::Send;
    std::string text;
    TemplateSyntax syntax = TemplateSyntax::Text; ///< Send
    MatchKind match = MatchKind::Contains;        ///< Expect
    std::uint32_t ms = 0;                         ///< Wait: duration; Expect: timeout (> 0)
    std::uint32_t count = 1;                      ///< Repeat: times (>= 1)
    friend bool operator==(const SequenceStep&, const SequenceStep&) = default;
};

/// A named, ordered list of steps a tab can run against its peer (a device test script).
struct Sequence {
    std::string name;
    std::vector<SequenceStep> steps;
    friend bool operator==(const Sequence&, const Sequence&) = default;
};

/// The longest sequence name, in bytes (UTF-8).
inline constexpr std::size_t kMaxSequenceNameBytes = 100;

/// Checks a sequence's name as typed: not empty or blank, no control characters, at most
/// kMaxSequenceNameBytes. Errors: op "check sequence name", object the quoted name, e.g.
/// "check sequence name \"\": the name is empty (results and the CLI name a sequence by it)".
[[nodiscard]] Status checkSequenceName(std::string_view name);

/// Checks every step (templates and patterns parse, times and counts in range, Repeat/End
/// balanced). Errors: op "check sequence", object the quoted name, detail "step 3: ...".
[[nodiscard]] Result<void> validateSequence(const Sequence& sequence);

/// The text form, one step per line ('#' starts a comment line, blank lines are skipped):
///   send TEXT            (C escapes; template fields allowed: "send PING {seq}\r\n")
///   sendhex HEX          (hex template: "sendhex 01 03 00 00 00 01 {crc16-modbus}")
///   wait MS
///   expect[:KIND] PATTERN within MS    (KIND: contains (default), start, re, hex, any;
///                                        "expect:any within 500")
///   repeat N  ...  end
/// Errors: op "parse sequence", object the name, detail "line 4: ...".
[[nodiscard]] Result<Sequence> parseSequenceText(std::string_view text, std::string name = {});
/// The text form of a sequence (parseSequenceText reads it back to the same steps).
[[nodiscard]] std::string formatSequenceText(const Sequence& sequence);

/// How a run ended.
struct SequenceOutcome {
    bool ok = false;
    std::size_t step = 0; ///< 1-based step that failed (0 when ok)
    std::string text;     ///< "finished: 12 steps, 5 sends, 5 expects met" or why it failed
};

/// Runs a validated sequence as a state machine (no sockets, no clock of its own): the caller
/// feeds time and received messages and carries out the actions. Sends go out at once, Wait
/// and Expect arm one timer at a time (validateSequence bounds the sends rendered in one call).
class SequenceRunner {
public:
    struct Actions {
        std::vector<ByteVector> sends;           ///< to send now, in order
        std::optional<std::int64_t> timerAtNs;   ///< call onTimer at (or after) this time
        std::optional<SequenceOutcome> finished; ///< the run ended (no more actions)
    };

    /// sequence must have passed validateSequence.
    explicit SequenceRunner(Sequence sequence);

    /// Starts at nowNs (monotonic); unixNs/utcOffsetSeconds fill {time} in sends.
    [[nodiscard]] Actions start(std::int64_t nowNs, std::int64_t unixNs = 0,
                                std::int32_t utcOffsetSeconds = 0);
    /// A message arrived (framed by the tab's framing). Ignored unless an Expect waits.
    [[nodiscard]] Actions onMessage(ByteView message, std::int64_t nowNs, std::int64_t unixNs = 0,
                                    std::int32_t utcOffsetSeconds = 0);
    /// The armed timer is due (early calls are ignored).
    [[nodiscard]] Actions onTimer(std::int64_t nowNs, std::int64_t unixNs = 0,
                                  std::int32_t utcOffsetSeconds = 0);
    /// Stops the run (outcome: not ok, "stopped at step N").
    [[nodiscard]] SequenceOutcome stop();
    /// Holds the run: timers and messages are ignored until resume(), which moves the pending
    /// deadline on by the time spent paused.
    void pause(std::int64_t nowNs);
    [[nodiscard]] Actions resume(std::int64_t nowNs);
    [[nodiscard]] bool paused() const { return m_paused; }

    [[nodiscard]] bool running() const { return m_running; }
    /// 1-based step being run or waited on (0 before start / after the end).
    [[nodiscard]] std::size_t currentStep() const { return m_running ? m_pc + 1 : 0; }
    [[nodiscard]] const Sequence& sequence() const { return m_sequence; }

private:
    /// Runs steps from m_pc until one waits or the sequence ends.
    Actions advance(std::int64_t nowNs, std::int64_t unixNs, std::int32_t utcOffsetSeconds);
    Actions finish(bool ok, std::string text);

    struct Loop {
        std::size_t begin = 0; ///< index of the first step inside the Repeat
        std::uint32_t left = 0;
    };
    Sequence m_sequence;
    std::vector<ReplyTemplate> m_templates;           ///< per step (Send)
    std::vector<std::optional<CompiledRule>> m_rules; ///< per step (Expect)
    std::vector<Loop> m_loops;
    std::size_t m_pc = 0;
    bool m_running = false;
    std::int64_t m_deadlineNs = 0; ///< of the Wait/Expect at m_pc
    bool m_waiting = false;        ///< m_pc is a Wait or Expect in progress
    bool m_paused = false;
    std::int64_t m_pausedAtNs = 0;
    std::uint64_t m_sends = 0;
    std::uint64_t m_expectsMet = 0;
    std::uint64_t m_stepsRun = 0;
    std::vector<ByteVector> m_captures; ///< of the last satisfied Expect
};

} // namespace socklab
