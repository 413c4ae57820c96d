#include "keyringstore.h"

#include <QTimer>
#include <qt6keychain/keychain.h>

namespace {

using Status = KeyringBackend::Status;

// QtKeychain's answer in our terms. OtherError is what a missing D-Bus session or Secret Service looks like
// ("Cannot autolaunch D-Bus without X11 $DISPLAY", "The name org.freedesktop.secrets was not provided…").
KeyringBackend::Reply replyOf(QKeychain::Job *job)
{
    KeyringBackend::Reply reply;
    switch (job->error()) {
    case QKeychain::NoError:
        reply.status = Status::Ok;
        break;
    case QKeychain::EntryNotFound:
        reply.status = Status::NotFound;
        break;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        reply.status = Status::NoKeyring;
        break;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
    case QKeychain::CouldNotDeleteEntry:
        reply.status = Status::Failed;
        break;
    }
    if (reply.status != Status::Ok)
        reply.error = job->errorString();
    return reply;
}

// Runs a job with a deadline; `done` is called once, by whichever comes first.
void runJob(QKeychain::Job *job, int timeoutMs, KeyringBackend::Callback done)
{
    auto callback = std::make_shared<KeyringBackend::Callback>(std::move(done));
    auto *timer = new QTimer(job);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, job, [job, callback, timeoutMs] {
        if (!*callback)
            return;
        KeyringBackend::Reply reply;
        reply.status = Status::NoKeyring;
        reply.error = QObject::tr("the system keyring did not answer within %1 s").arg(timeoutMs / 1000);
        std::exchange(*callback, nullptr)(reply);
        // The job may still finish; it then deletes itself (autoDelete) with nobody listening.
    });
    QObject::connect(job, &QKeychain::Job::finished, job, [callback](QKeychain::Job *finished) {
        if (*callback)
            std::exchange(*callback, nullptr)(replyOf(finished));
    });
    job->setAutoDelete(true);
    // Never the plain-text QSettings fallback: a token must not end up in a file.
    job->setInsecureFallback(false);
    timer->start(timeoutMs);
    job->start();
}

} // namespace

QtKeychainBackend::QtKeychainBackend(QString service, int timeoutMs)
    : m_service(std::move(service))
    , m_timeoutMs(timeoutMs)
{ }

void QtKeychainBackend::read(const QString &key, Callback done)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(key);
    runJob(job, m_timeoutMs, [job, done = std::move(done)](const Reply &reply) {
        Reply withValue = reply;
        if (reply.status == Status::Ok)
            withValue.value = job->textData();
        done(withValue);
    });
}

void QtKeychainBackend::write(const QString &key, const QString &value, Callback done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setKey(key);
    job->setTextData(value);
    runJob(job, m_timeoutMs, std::move(done));
}

void QtKeychainBackend::remove(const QString &key, Callback done)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    job->setKey(key);
    runJob(job, m_timeoutMs, [done = std::move(done)](const Reply &reply) {
        // Removing what is not there is what the caller wanted.
        Reply r = reply;
        if (r.status == Status::NotFound)
            r = Reply { Status::Ok, {}, {} };
        done(r);
    });
}

void MemoryKeyringBackend::answer(Callback done, const Reply &reply)
{
    QTimer::singleShot(0, [done = std::move(done), reply] { done(reply); });
}

void MemoryKeyringBackend::read(const QString &key, Callback done)
{
    if (!m_available)
        return answer(std::move(done), { Status::NoKeyring, {}, QStringLiteral("no keyring in this test") });
    if (!m_entries.contains(key))
        return answer(std::move(done), { Status::NotFound, {}, QStringLiteral("Entry not found") });
    answer(std::move(done), { Status::Ok, m_entries.value(key), {} });
}

void MemoryKeyringBackend::write(const QString &key, const QString &value, Callback done)
{
    if (!m_available)
        return answer(std::move(done), { Status::NoKeyring, {}, QStringLiteral("no keyring in this test") });
    m_entries.insert(key, value);
    answer(std::move(done), { Status::Ok, {}, {} });
}

void MemoryKeyringBackend::remove(const QString &key, Callback done)
{
    if (!m_available)
        return answer(std::move(done), { Status::NoKeyring, {}, QStringLiteral("no keyring in this test") });
    m_entries.remove(key);
    answer(std::move(done), { Status::Ok, {}, {} });
}

KeyringStore::KeyringStore(std::unique_ptr<KeyringBackend> backend, QObject *parent)
    : QObject(parent)
    , m_backend(backend ? std::move(backend) : std::make_unique<QtKeychainBackend>())
{ }

KeyringStore::~KeyringStore() = default;

QString KeyringStore::tokenKey(const QString &sourceName)
{
    return QLatin1String("source.") + sourceName + QLatin1String(".token");
}

void KeyringStore::note(const KeyringBackend::Reply &reply)
{
    State state = m_state;
    if (reply.status == KeyringBackend::Status::NoKeyring) {
        state = State::Unavailable;
        m_reason = reply.error;
    } else if (reply.status == KeyringBackend::Status::Ok || reply.status == KeyringBackend::Status::NotFound) {
        state = State::Available;
        m_reason.clear();
    }
    if (state != m_state) {
        m_state = state;
        emit stateChanged(state);
    }
}

void KeyringStore::readToken(const QString &sourceName, QObject *context, ReadCallback done)
{
    QPointer<QObject> guard(context);
    QPointer<KeyringStore> self(this);
    m_backend->read(tokenKey(sourceName), [self, guard, done = std::move(done)](const KeyringBackend::Reply &reply) {
        if (self)
            self->note(reply);
        if (!guard)
            return;
        done(reply.status == KeyringBackend::Status::Ok, reply.value,
             reply.status == KeyringBackend::Status::Ok || reply.status == KeyringBackend::Status::NotFound
                 ? QString()
                 : reply.error);
    });
}

void KeyringStore::writeToken(const QString &sourceName, const QString &token, QObject *context, DoneCallback done)
{
    QPointer<QObject> guard(context);
    QPointer<KeyringStore> self(this);
    m_backend->write(tokenKey(sourceName), token,
                     [self, guard, done = std::move(done)](const KeyringBackend::Reply &reply) {
                         if (self)
                             self->note(reply);
                         if (guard)
                             done(reply.status == KeyringBackend::Status::Ok, reply.error);
                     });
}

void KeyringStore::removeToken(const QString &sourceName, QObject *context, DoneCallback done)
{
    QPointer<QObject> guard(context);
    QPointer<KeyringStore> self(this);
    m_backend->remove(tokenKey(sourceName), [self, guard, done = std::move(done)](const KeyringBackend::Reply &reply) {
        if (self)
            self->note(reply);
        if (guard)
            done(reply.status == KeyringBackend::Status::Ok || reply.status == KeyringBackend::Status::NotFound,
                 reply.error);
    });
}

void KeyringStore::loadTokens(const Config &config, QObject *context, std::function<void(const Config &)> done)
{
    QList<int> wanted;
    for (int i = 0; i < config.sources.size(); ++i) {
        if (config.sources.at(i).type == QLatin1String("digitalocean"))
            wanted << i;
    }
    QPointer<QObject> guard(context);
    if (wanted.isEmpty() || m_state == State::Unavailable) {
        QTimer::singleShot(0, this, [guard, done, config] {
            if (guard)
                done(config);
        });
        return;
    }
    struct Pending
    {
        Config config;
        int left = 0;
        std::function<void(const Config &)> done;
    };
    auto pending = std::make_shared<Pending>(Pending { config, int(wanted.size()), std::move(done) });
    for (int index : std::as_const(wanted)) {
        readToken(config.sources.at(index).name, this,
                  [pending, index, guard](bool found, const QString &token, const QString &) {
                      if (found)
                          pending->config.sources[index].token = token;
                      if (--pending->left == 0 && guard)
                          pending->done(pending->config);
                  });
    }
}

void KeyringStore::probe()
{
    readToken(QStringLiteral("opsdeck-probe"), this, [](bool, const QString &, const QString &) {});
}
