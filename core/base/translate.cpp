#include "core/base/translate.h"

#include <atomic>
#include <memory>
#include <mutex>

namespace socklab {

namespace {

// Readers take a shared_ptr copy under a small lock; the translator is replaced rarely (start-up,
// a language switch), so the lock is never contended in practice. The state is never destroyed:
// a thread that outlives main() (a continuous save finishing its file) may still translate.
struct State {
    std::mutex mutex;
    std::shared_ptr<const Translator> translator;
    std::atomic<bool> installed{false};
};

State& state() {
    static State* const s = new State;
    return *s;
}

std::shared_ptr<const Translator> current() {
    State& st = state();
    if (!st.installed.load(std::memory_order_acquire)) {
        return {};
    }
    std::lock_guard lock(st.mutex);
    return st.translator;
}

} // namespace

void setTranslator(Translator translator) {
    State& st = state();
    std::lock_guard lock(st.mutex);
    if (translator) {
        st.translator = std::make_shared<const Translator>(std::move(translator));
        st.installed.store(true, std::memory_order_release);
    } else {
        st.translator.reset();
        st.installed.store(false, std::memory_order_release);
    }
}

bool hasTranslator() { return state().installed.load(std::memory_order_acquire); }

std::string translate(std::string_view context, std::string_view source) {
    if (const auto t = current()) {
        return (*t)(context, source);
    }
    return std::string(source);
}

std::string substituteArgs(std::string_view text, std::initializer_list<std::string_view> args) {
    std::string out;
    out.reserve(text.size() + 16 * args.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%' && i + 1 < text.size() && text[i + 1] >= '1' && text[i + 1] <= '9') {
            const auto n = static_cast<std::size_t>(text[i + 1] - '1');
            if (n < args.size()) {
                out.append(*(args.begin() + n));
                ++i;
                continue;
            }
        }
        out.push_back(c);
    }
    return out;
}

} // namespace socklab
