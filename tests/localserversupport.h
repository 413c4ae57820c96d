#pragma once

// Real servers for the integration suites (node_exporter, Prometheus): started on free loopback ports, waited for
// until they answer, stopped at the end.

#include <QElapsedTimer>
#include <QEventLoop>
#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>
#include <QUrl>
#include <functional>
#include <memory>

// A loopback port nobody listens on right now (the kernel picks it; another process may still take it before the
// server does, which is why startServer() retries).
inline quint16 freePort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

inline QByteArray httpGet(QNetworkAccessManager &network, const QUrl &url, int *status = nullptr, int timeoutMs = 2000)
{
    QNetworkRequest request(url);
    request.setTransferTimeout(timeoutMs);
    QNetworkReply *reply = network.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    if (status)
        *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    reply->deleteLater();
    return body;
}

// Starts `program` with the arguments made for a port, on a free loopback port, until `ready(port)` says it serves.
inline std::unique_ptr<QProcess> startServer(const QString &program,
                                             const std::function<QStringList(quint16)> &arguments,
                                             const std::function<bool(quint16)> &ready, int timeoutMs, quint16 *port)
{
    for (int attempt = 0; attempt < 5; ++attempt) {
        const quint16 candidate = freePort();
        auto process = std::make_unique<QProcess>();
        process->setProgram(program);
        process->setArguments(arguments(candidate));
        process->setStandardOutputFile(QProcess::nullDevice());
        process->setStandardErrorFile(QProcess::nullDevice());
        process->start();
        if (!process->waitForStarted(5000))
            continue;
        QElapsedTimer waited;
        waited.start();
        while (waited.elapsed() < timeoutMs && process->state() == QProcess::Running) {
            if (ready(candidate)) {
                *port = candidate;
                return process;
            }
            QTest::qWait(200);
        }
        process->kill();
        process->waitForFinished(5000);
    }
    return nullptr;
}

inline void stopServer(std::unique_ptr<QProcess> &process)
{
    if (!process)
        return;
    process->terminate();
    if (!process->waitForFinished(10000))
        process->kill();
    process->waitForFinished(5000);
    process.reset();
}

// Debian's prometheus-node-exporter, quiet and without the systemd collector (which fails without a system bus in
// containers and CI). Null when the binary is missing or would not start.
inline std::unique_ptr<QProcess> startNodeExporter(QNetworkAccessManager &network, quint16 *port)
{
    const QString binary = QStandardPaths::findExecutable(QStringLiteral("prometheus-node-exporter"));
    if (binary.isEmpty())
        return nullptr;
    return startServer(
        binary,
        [](quint16 p) {
            return QStringList { QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(p),
                                 QStringLiteral("--log.level=error"), QStringLiteral("--no-collector.systemd") };
        },
        [&network](quint16 p) {
            int status = 0;
            httpGet(network, QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(p)), &status, 1000);
            return status == 200;
        },
        10000, port);
}
