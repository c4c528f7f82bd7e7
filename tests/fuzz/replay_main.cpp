// Runs a fuzz target's LLVMFuzzerTestOneInput over every file of the given folders, without
// libFuzzer: the seed corpus and every crash ever found are replayed in each normal build (GCC,
// Release and ASan), so a fixed bug stays fixed.
//
//   fuzz_replay TARGET DIR_OR_FILE...
//
// A target that crashes or trips a sanitizer fails the test as it would under libFuzzer (the
// targets' own invariants call __builtin_trap). A folder that does not exist counts as empty
// (a target without regressions yet); no input at all is an error.
#include "tests/fuzz/replay_table.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> inputsOf(const fs::path& path) {
    std::vector<fs::path> out;
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) {
        out.push_back(path);
    } else if (fs::is_directory(path, ec)) {
        for (const auto& entry : fs::recursive_directory_iterator(path, ec)) {
            // README and other notes are not inputs.
            if (entry.is_regular_file() && entry.path().extension() != ".md") {
                out.push_back(entry.path());
            }
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: fuzz_replay TARGET DIR_OR_FILE...\ntargets:");
        for (const auto& t : socklab::fuzz::replayTargets()) {
            std::fprintf(stderr, " %.*s", static_cast<int>(t.name.size()), t.name.data());
        }
        std::fprintf(stderr, "\n");
        return 2;
    }
    const std::string_view name = argv[1];
    const auto& targets = socklab::fuzz::replayTargets();
    const auto target =
        std::find_if(targets.begin(), targets.end(), [&](const auto& t) { return t.name == name; });
    if (target == targets.end()) {
        std::fprintf(stderr, "fuzz_replay: unknown target \"%s\"\n", argv[1]);
        return 2;
    }
    std::size_t runs = 0;
    for (int i = 2; i < argc; ++i) {
        for (const fs::path& input : inputsOf(argv[i])) {
            std::ifstream file(input, std::ios::binary);
            const std::vector<char> bytes((std::istreambuf_iterator<char>(file)),
                                          std::istreambuf_iterator<char>());
            if (!file.good() && !file.eof()) {
                std::fprintf(stderr, "fuzz_replay: cannot read %s\n", input.c_str());
                return 1;
            }
            // Announced first: if the input crashes, the log names it.
            std::fprintf(stderr, "fuzz_replay %s: %s (%zu bytes)\n", argv[1], input.c_str(),
                         bytes.size());
            target->run(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
            ++runs;
        }
    }
    if (runs == 0) {
        std::fprintf(stderr, "fuzz_replay %s: no inputs in the given folders\n", argv[1]);
        return 1;
    }
    std::printf("fuzz_replay %s: %zu inputs, no crash\n", argv[1], runs);
    return 0;
}
