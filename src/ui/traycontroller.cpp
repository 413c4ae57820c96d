#include "traycontroller.h"
#include "appicon.h"

#include <QAction>
#include <QActionGroup>
#include <QDateTime>
#include <QIcon>
#include <QLocale>
#include <QMenu>
#include <QPainter>
#include <QSettings>
#include <QSystemTrayIcon>
#include <algorithm>
#include <chrono>

namespace {

const QString AcknowledgedKey = QStringLiteral("alerts/acknowledged");
const QString SnoozedKey = QStringLiteral("alerts/snoozed");

QColor levelColour(AlertLevel level)
{
    return level == AlertLevel::Critical ? QColor(0xd3, 0x2f, 0x2f) : QColor(0xf5, 0xa6, 0x23);
}

// The badge sits in the bottom-right corner, large enough to read at 16 px, with a light ring so it stands out
// on dark and light panels alike.
QPixmap badged(const QIcon &base, int size, AlertLevel level)
{
    QImage image = base.pixmap(QSize(size, size), 1.0).toImage().convertToFormat(QImage::Format_ARGB32_Premultiplied);
    if (image.size() != QSize(size, size))
        image = image.scaled(size, size, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    const qreal diameter = size * 0.56;
    const qreal ring = std::max<qreal>(1.0, size / 16.0);
    const QRectF badge(size - diameter, size - diameter, diameter, diameter);
    painter.setPen(QPen(Qt::white, ring));
    painter.setBrush(levelColour(level));
    painter.drawEllipse(badge.adjusted(ring / 2, ring / 2, -ring / 2, -ring / 2));
    painter.end();
    return QPixmap::fromImage(image);
}

} // namespace

TrayController::TrayController(QObject *parent)
    : QObject(parent)
    , m_grouper(std::make_unique<AlertGrouper>(&m_forwarder,
                                               [this](qint64 resourceId) { return m_names.value(resourceId); }))
    , m_menu(std::make_unique<QMenu>())
{
    QAction *show = m_menu->addAction(tr("Show OpsDeck"), this, &TrayController::showRequested);
    show->setObjectName(QStringLiteral("showAction"));
    QAction *sync = m_menu->addAction(tr("Sync now"), this, &TrayController::syncRequested);
    sync->setObjectName(QStringLiteral("syncAction"));
    m_menu->addSeparator();

    m_pauseMenu = m_menu->addMenu(tr("Pause notifications"));
    m_pauseMenu->menuAction()->setObjectName(QStringLiteral("pauseMenuAction"));
    m_pauseMenu->menuAction()->setCheckable(true);
    m_pauseGroup = new QActionGroup(this);
    m_pauseGroup->setExclusionPolicy(QActionGroup::ExclusionPolicy::ExclusiveOptional);
    m_pauseHourAction = m_pauseMenu->addAction(tr("For 1 hour"), this, [this] { pauseFor(3600); });
    m_pauseHourAction->setObjectName(QStringLiteral("pauseHourAction"));
    m_pauseTomorrowAction = m_pauseMenu->addAction(tr("Until tomorrow"), this, &TrayController::pauseUntilTomorrow);
    m_pauseTomorrowAction->setObjectName(QStringLiteral("pauseTomorrowAction"));
    for (QAction *action : { m_pauseHourAction, m_pauseTomorrowAction }) {
        action->setCheckable(true);
        m_pauseGroup->addAction(action);
    }
    m_resumeAction = m_menu->addAction(tr("Resume notifications"), this, &TrayController::resume);
    m_resumeAction->setObjectName(QStringLiteral("resumeAction"));
    m_menu->addSeparator();
    QAction *quit = m_menu->addAction(tr("Quit"), this, &TrayController::quitRequested);
    quit->setObjectName(QStringLiteral("quitAction"));
    // A pause may have run out while the menu was closed.
    connect(m_menu.get(), &QMenu::aboutToShow, this, &TrayController::updatePauseActions);

    m_pauseEnd.setSingleShot(true);
    connect(&m_pauseEnd, &QTimer::timeout, this, &TrayController::updateState);

    // Checked once, like Qt's systray example: a tray host appearing later is not picked up.
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(this);
        m_tray->setContextMenu(m_menu.get());
        connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
            if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                Q_EMIT showRequested();
        });
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, &TrayController::showRequested);
    }
    loadSilences();
    updateState();
    if (m_tray)
        m_tray->show();
}

TrayController::~TrayController()
{
    // The tray icon refers to the menu; let it go first.
    delete m_tray;
    m_tray = nullptr;
}

std::optional<AlertLevel> TrayController::worstLevel() const
{
    std::optional<AlertLevel> worst;
    for (const auto &[key, level] : m_active) {
        if (!worst || int(level) > int(*worst))
            worst = level;
    }
    return worst;
}

bool TrayController::isPaused() const
{
    return m_grouper->pausedUntil() > QDateTime::currentSecsSinceEpoch();
}

QIcon TrayController::levelIcon(std::optional<AlertLevel> level)
{
    const QIcon base = appIcon();
    if (!level)
        return base;
    QIcon icon;
    for (const int size : { 16, 22, 24, 32, 48, 64, 128 })
        icon.addPixmap(badged(base, size, *level));
    return icon;
}

void TrayController::onAlertTransitions(const QList<AlertTransition> &transitions, const QHash<qint64, QString> &names)
{
    m_names.insert(names);
    for (const AlertTransition &t : transitions) {
        const auto key = std::make_pair(t.resourceId, int(t.metric));
        if (t.isFiring())
            m_active[key] = t.level;
        else if (t.state == AlertState::Resolved)
            m_active.erase(key);
    }
    m_grouper->add(transitions);
    m_grouper->flush();
    saveSilences(); // acknowledgements end once their alert has stayed resolved
    updateState();
}

void TrayController::setFiring(const QList<AlertEventRow> &events)
{
    m_active.clear();
    for (const AlertEventRow &e : events) {
        if (e.resolvedAt != 0)
            continue;
        if (const std::optional<AlertLevel> level = alertLevelFromName(e.level)) {
            m_active[std::make_pair(e.resourceId, int(e.metric))] = *level;
            if (!e.resource.isEmpty())
                m_names.insert(e.resourceId, e.resource);
            AlertTransition firing;
            firing.resourceId = e.resourceId;
            firing.metric = e.metric;
            firing.level = *level;
            firing.state = AlertState::Firing;
            firing.value = e.value;
            firing.threshold = e.threshold;
            firing.at = e.startedAt;
            firing.since = e.startedAt;
            m_grouper->restoreFiring(firing);
        }
    }
    // An acknowledged alert that resolved while OpsDeck was not running: its flap window starts now.
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    for (AlertAcknowledgement ack : m_grouper->acknowledgements()) {
        if (ack.resolvedAt == 0 && !m_active.count(std::make_pair(ack.resourceId, int(ack.metric)))) {
            ack.resolvedAt = now;
            m_grouper->restoreAcknowledgement(ack);
        }
    }
    saveSilences();
    updateState();
}

void TrayController::acknowledge(qint64 resourceId, Metric metric)
{
    m_grouper->acknowledge(resourceId, metric);
    saveSilences();
}

void TrayController::snooze(qint64 resourceId, qint64 until)
{
    m_grouper->snooze(resourceId, until);
    saveSilences();
}

void TrayController::unsnooze(qint64 resourceId)
{
    m_grouper->unsnooze(resourceId);
    saveSilences();
}

// "42/cpu/warning/0" per acknowledgement (resource id, metric, level, resolved at), "42/1790000000" per snooze.
void TrayController::loadSilences()
{
    const QSettings settings;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const qint64 flapWindow = m_grouper->options().flapWindowSeconds;
    for (const QString &entry : settings.value(AcknowledgedKey).toStringList()) {
        const QStringList parts = entry.split(QLatin1Char('/'));
        if (parts.size() != 4)
            continue;
        AlertAcknowledgement ack;
        ack.resourceId = parts.at(0).toLongLong();
        const std::optional<Metric> metric = metricFromName(parts.at(1));
        const std::optional<AlertLevel> level = alertLevelFromName(parts.at(2));
        ack.resolvedAt = parts.at(3).toLongLong();
        if (ack.resourceId <= 0 || !metric || !level || (ack.resolvedAt > 0 && now - ack.resolvedAt > flapWindow))
            continue;
        ack.metric = *metric;
        ack.level = *level;
        m_grouper->restoreAcknowledgement(ack);
    }
    for (const QString &entry : settings.value(SnoozedKey).toStringList()) {
        const qint64 resourceId = entry.section(QLatin1Char('/'), 0, 0).toLongLong();
        const qint64 until = entry.section(QLatin1Char('/'), 1, 1).toLongLong();
        if (resourceId > 0 && until > now)
            m_grouper->snooze(resourceId, until);
    }
    saveSilences();
}

void TrayController::saveSilences()
{
    QStringList acks;
    for (const AlertAcknowledgement &ack : m_grouper->acknowledgements())
        acks << QStringLiteral("%1/%2/%3/%4")
                    .arg(ack.resourceId)
                    .arg(metricName(ack.metric), alertLevelName(ack.level))
                    .arg(ack.resolvedAt);
    QStringList snoozes;
    for (const auto &[resourceId, until] : m_grouper->snoozes())
        snoozes << QStringLiteral("%1/%2").arg(resourceId).arg(until);
    if (acks == m_savedAcks && snoozes == m_savedSnoozes)
        return;
    QSettings settings;
    const auto store = [&settings](const QString &key, const QStringList &list) {
        if (list.isEmpty())
            settings.remove(key);
        else
            settings.setValue(key, list);
    };
    store(AcknowledgedKey, acks);
    store(SnoozedKey, snoozes);
    m_savedAcks = acks;
    m_savedSnoozes = snoozes;
    Q_EMIT silencesChanged();
}

void TrayController::pauseFor(qint64 seconds)
{
    pauseUntil(QDateTime::currentSecsSinceEpoch() + seconds);
    m_pauseHourAction->setChecked(seconds == 3600);
}

// "Tomorrow" means tomorrow morning: a pause chosen late in the evening should not end at midnight.
void TrayController::pauseUntilTomorrow()
{
    pauseUntil(QDateTime(QDate::currentDate().addDays(1), QTime(8, 0)).toSecsSinceEpoch());
    m_pauseTomorrowAction->setChecked(true);
}

void TrayController::resume()
{
    pauseUntil(0);
}

void TrayController::pauseUntil(qint64 until)
{
    m_grouper->pauseUntil(until);
    const qint64 left = until - QDateTime::currentSecsSinceEpoch();
    if (left > 0)
        m_pauseEnd.start(std::chrono::seconds(left) + std::chrono::milliseconds(500));
    else
        m_pauseEnd.stop();
    updateState();
}

void TrayController::deliver(const AlertNotification &notification)
{
    if (m_testNotifier)
        m_testNotifier->notify(notification);
    else if (m_tray)
        m_tray->showMessage(notification.title, notification.body,
                            notification.isResolvedOnly()                    ? QSystemTrayIcon::Information
                                : notification.level == AlertLevel::Critical ? QSystemTrayIcon::Critical
                                                                             : QSystemTrayIcon::Warning);
    Q_EMIT notified(notification);
}

void TrayController::updateState()
{
    const auto worst = worstLevel();
    const int total = activeCount();
    if (total == 0) {
        m_toolTip = tr("OpsDeck — all clear");
    } else {
        const auto critical = std::count_if(m_active.cbegin(), m_active.cend(),
                                            [](const auto &entry) { return entry.second == AlertLevel::Critical; });
        m_toolTip = tr("OpsDeck — %n alerts (%1 critical)", nullptr, total).arg(critical);
    }
    if (isPaused())
        m_toolTip += QLatin1Char('\n')
            + tr("Notifications paused until %1")
                  .arg(QLocale().toString(QDateTime::fromSecsSinceEpoch(m_grouper->pausedUntil()),
                                          QLocale::ShortFormat));
    updatePauseActions();
    if (!m_tray)
        return;
    if (!m_iconSet || worst != m_shownLevel) {
        m_tray->setIcon(levelIcon(worst));
        m_shownLevel = worst;
        m_iconSet = true;
    }
    m_tray->setToolTip(m_toolTip);
}

void TrayController::updatePauseActions()
{
    const bool paused = isPaused();
    m_pauseMenu->menuAction()->setChecked(paused);
    m_resumeAction->setVisible(paused);
    if (!paused) {
        m_pauseHourAction->setChecked(false);
        m_pauseTomorrowAction->setChecked(false);
    }
}
