// Replays a committed corpus through one fuzz target without libFuzzer, so a gcc build (every CI run) executes
// every seed and every former crash: `fuzz_replay_NAME DIR_OR_FILE...`. A crashing input aborts the process with
// the file name printed first; a missing or empty corpus is a failure too, so a renamed directory cannot turn the
// test into a silent no-op.

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QStringList>

#include <cstdint>
#include <cstdio>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
    QStringList files;
    for (int i = 1; i < argc; ++i) {
        const QString path = QString::fromLocal8Bit(argv[i]);
        if (QFileInfo(path).isDir()) {
            QDirIterator it(path, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
            while (it.hasNext())
                files << it.next();
        } else if (QFileInfo(path).isFile()) {
            files << path;
        } else {
            std::fprintf(stderr, "replay: %s: no such file or directory\n", argv[i]);
            return 2;
        }
    }
    if (files.isEmpty()) {
        std::fprintf(stderr, "replay: no corpus files given\n");
        return 2;
    }
    files.sort(); // a stable order, so a failure names the same file on every machine
    for (const QString &path : std::as_const(files)) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "replay: cannot read %s\n", qPrintable(path));
            return 2;
        }
        const QByteArray data = file.readAll();
        std::fprintf(stderr, "replay: %s (%lld bytes)\n", qPrintable(path), static_cast<long long>(data.size()));
        // A heap block of exactly the input's length (QByteArray keeps a '\0' after its end), so a read past the
        // end is caught when the replayer runs under OPSDECK_SANITIZE.
        const std::vector<uint8_t> copy(data.cbegin(), data.cend());
        LLVMFuzzerTestOneInput(copy.data(), copy.size());
    }
    std::printf("replay: %lld inputs, no failure\n", static_cast<long long>(files.size()));
    return 0;
}
