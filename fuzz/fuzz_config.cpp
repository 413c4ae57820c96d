// The INI configuration file through Config::load, which only reads from a path: each input is written to a new
// file in a private temporary directory. A new name every time, because QSettings caches parsed files by path and
// a rewrite within the same second with the same size would be served from that cache. Properties: a refused file
// always says why, naming the file on every line; an accepted file always has at least one source, each with a
// known type and a positive interval.

#include "config/config.h"
#include "fuzzcheck.h"

#include <QFile>
#include <QTemporaryDir>

#include <cstdint>
#include <cstdio>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static QTemporaryDir dir;
    static quint64 counter = 0;
    FUZZ_CHECK(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("opsdeck-%1.ini").arg(++counter));
    {
        QFile file(path);
        FUZZ_CHECK(file.open(QIODevice::WriteOnly));
        FUZZ_CHECK(file.write(reinterpret_cast<const char *>(data), qint64(size)) == qint64(size));
    }
    QString error;
    const std::optional<Config> config = Config::load(path, &error);
    QFile::remove(path);
    if (!config) {
        if (qEnvironmentVariableIsSet("OPSDECK_FUZZ_VERBOSE")) // to read what a failing input was told
            std::fprintf(stderr, "%s\n", qPrintable(QString(error).replace(QChar(0), QLatin1String("\\0"))));
        FUZZ_CHECK(!error.isEmpty());
        for (const QString &line : error.split(QLatin1Char('\n')))
            FUZZ_CHECK(line.startsWith(path));
        return 0;
    }
    FUZZ_CHECK(!config->sources.isEmpty());
    for (const SourceConfig &source : config->sources) {
        FUZZ_CHECK(Config::sourceTypes().contains(source.type));
        FUZZ_CHECK(source.intervalSeconds > 0);
        FUZZ_CHECK(source.token.isEmpty()); // a token is never taken from the file
    }
    return 0;
}
