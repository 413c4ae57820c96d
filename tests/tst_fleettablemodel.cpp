#include "config/databaseurl.h"
#include "fleetfilterproxymodel.h"
#include "fleettablemodel.h"
#include "mainwindow.h"
#include "relativetime.h"
#include "storage/database.h"
#include "storage/metricstore.h"

#include <QAction>
#include <QApplication>
#include <QFont>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPalette>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

namespace {

constexpr qint64 Now = 1'800'000'000; // a fixed clock for the model

FleetRow row(qint64 id, const QString &name, std::optional<double> cpu = std::nullopt,
             std::optional<double> memory = std::nullopt, std::optional<double> disk = std::nullopt)
{
    FleetRow r;
    r.id = id;
    r.name = name;
    r.kind = QStringLiteral("host");
    r.source = QStringLiteral("local");
    r.status = QStringLiteral("online");
    r.cpu = cpu;
    r.memory = memory;
    r.disk = disk;
    r.metricsUpdatedAt = Now - 30;
    return r;
}

QVariant cell(const QAbstractItemModel &model, int row, int column, int role = Qt::DisplayRole)
{
    return model.index(row, column).data(role);
}

QStringList columnTexts(const QAbstractItemModel &model, int column)
{
    QStringList texts;
    for (int r = 0; r < model.rowCount(); ++r)
        texts << cell(model, r, column).toString();
    return texts;
}

// WCAG relative luminance and contrast ratio.
double luminance(const QColor &c)
{
    auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x31, 0x36, 0x3b));
    p.setColor(QPalette::WindowText, QColor(0xef, 0xf0, 0xf1));
    p.setColor(QPalette::Base, QColor(0x23, 0x26, 0x29));
    p.setColor(QPalette::AlternateBase, QColor(0x2a, 0x2e, 0x32));
    p.setColor(QPalette::Text, QColor(0xef, 0xf0, 0xf1));
    p.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x8e, 0x92));
    return p;
}

QPalette lightPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0xef, 0xef, 0xef));
    p.setColor(QPalette::WindowText, Qt::black);
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::AlternateBase, QColor(0xf7, 0xf7, 0xf7));
    p.setColor(QPalette::Text, Qt::black);
    p.setColor(QPalette::PlaceholderText, QColor(0x80, 0x80, 0x80));
    return p;
}

} // namespace

class TestFleetTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void headers();
    void displayText();
    void numericSorting();
    void naturalNameSorting();
    void sortingByAge();
    void filtering_data();
    void filtering();
    void thresholdLevels_data();
    void thresholdLevels();
    void levelColoursStayReadable_data();
    void levelColoursStayReadable();
    void relativeAge_data();
    void relativeAge();
    void staleMarking_data();
    void staleMarking();
    void updateInPlaceKeepsSelection();
    void windowShowsCachedFleet();
    void windowExplainsFailedFirstSync();
    void windowWithoutSources();
    void windowSyncsLocalSource();

private:
    struct Seed
    {
        QList<ResourceInfo> resources;
        QList<std::tuple<QString, Metric, double>> latest; // external id, metric, value
        QList<SyncRunRecord> runs;
    };
    std::optional<DatabaseUrl> seedDatabase(const QTemporaryDir &dir, const Seed &seed);
};

void TestFleetTableModel::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QStandardPaths::setTestModeEnabled(true); // QSettings of the window go to a test location
    QCoreApplication::setOrganizationName(QStringLiteral("opsdeck-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_fleettablemodel"));
    QGuiApplication::setPalette(lightPalette());
}

void TestFleetTableModel::headers()
{
    FleetTableModel model;
    QCOMPARE(model.columnCount(), 9);
    QStringList titles;
    for (int c = 0; c < model.columnCount(); ++c)
        titles << model.headerData(c, Qt::Horizontal).toString();
    QCOMPARE(titles,
             QStringList({ QStringLiteral("Name"), QStringLiteral("Kind"), QStringLiteral("Source"),
                           QStringLiteral("Region"), QStringLiteral("Status"), QStringLiteral("CPU"),
                           QStringLiteral("Memory"), QStringLiteral("Disk"), QStringLiteral("Last updated") }));
    QCOMPARE(model.headerData(FleetTableModel::Cpu, Qt::Horizontal, Qt::TextAlignmentRole).toInt(),
             int(Qt::AlignRight | Qt::AlignVCenter));
}

void TestFleetTableModel::displayText()
{
    FleetTableModel model;
    model.setNow(Now);
    FleetRow r = row(1, QStringLiteral("web-1"), 42.3, 7.0, std::nullopt);
    r.kind = QStringLiteral("droplet");
    r.source = QStringLiteral("do");
    r.region = QStringLiteral("fra1");
    r.status = QStringLiteral("active");
    r.metricsUpdatedAt = Now - 180;
    model.setRows({ r });

    QCOMPARE(cell(model, 0, FleetTableModel::Name).toString(), QStringLiteral("web-1"));
    QCOMPARE(cell(model, 0, FleetTableModel::Kind).toString(), QStringLiteral("Droplet"));
    QCOMPARE(cell(model, 0, FleetTableModel::Source).toString(), QStringLiteral("do"));
    QCOMPARE(cell(model, 0, FleetTableModel::Region).toString(), QStringLiteral("fra1"));
    QCOMPARE(cell(model, 0, FleetTableModel::Status).toString(), QStringLiteral("active"));
    QCOMPARE(cell(model, 0, FleetTableModel::Cpu).toString(), QStringLiteral("42.3 %"));
    QCOMPARE(cell(model, 0, FleetTableModel::Memory).toString(), QStringLiteral("7.0 %"));
    QCOMPARE(cell(model, 0, FleetTableModel::Disk).toString(), QString()); // missing: empty, not "0 %"
    QCOMPARE(cell(model, 0, FleetTableModel::LastUpdated).toString(), QStringLiteral("3 min ago"));
    QCOMPARE(cell(model, 0, FleetTableModel::LastUpdated, Qt::ToolTipRole).toString(),
             RelativeTime::absolute(Now - 180));
    QCOMPARE(cell(model, 0, FleetTableModel::Cpu, Qt::TextAlignmentRole).toInt(),
             int(Qt::AlignRight | Qt::AlignVCenter));
    QCOMPARE(cell(model, 0, FleetTableModel::Cpu, FleetTableModel::SortRole).toDouble(), 42.3);
    QCOMPARE(cell(model, 0, FleetTableModel::Disk, FleetTableModel::SortRole).toDouble(), -1.0);
    QCOMPARE(cell(model, 0, FleetTableModel::Name, FleetTableModel::IdRole).toLongLong(), 1);

    r.metricsUpdatedAt = 0;
    model.setRows({ r });
    QCOMPARE(cell(model, 0, FleetTableModel::LastUpdated).toString(), QStringLiteral("never"));
}

void TestFleetTableModel::numericSorting()
{
    FleetTableModel model;
    model.setNow(Now);
    model.setRows({ row(1, QStringLiteral("a"), 10.0), row(2, QStringLiteral("b"), 9.5),
                    row(3, QStringLiteral("c"), 100.0), row(4, QStringLiteral("d")),
                    row(5, QStringLiteral("e"), 0.0) });
    FleetFilterProxyModel proxy;
    proxy.setSourceModel(&model);

    proxy.sort(FleetTableModel::Cpu, Qt::AscendingOrder);
    // As text "9.5 %" would sort after "10.0 %" and "100.0 %"; as numbers it comes first. Missing values sort lowest.
    QCOMPARE(columnTexts(proxy, FleetTableModel::Cpu),
             QStringList({ QString(), QStringLiteral("0.0 %"), QStringLiteral("9.5 %"), QStringLiteral("10.0 %"),
                           QStringLiteral("100.0 %") }));
    // SortRole carries the numbers themselves, so any proxy sorting by it gets them right.
    QCOMPARE(cell(model, 0, FleetTableModel::Cpu, FleetTableModel::SortRole).typeId(), int(QMetaType::Double));
    QSortFilterProxyModel plain;
    plain.setSourceModel(&model);
    plain.setSortRole(FleetTableModel::SortRole);
    plain.sort(FleetTableModel::Cpu, Qt::AscendingOrder);
    QCOMPARE(columnTexts(plain, FleetTableModel::Name),
             QStringList({ QStringLiteral("d"), QStringLiteral("e"), QStringLiteral("b"), QStringLiteral("a"),
                           QStringLiteral("c") }));

    proxy.sort(FleetTableModel::Cpu, Qt::DescendingOrder);
    QCOMPARE(columnTexts(proxy, FleetTableModel::Name),
             QStringList({ QStringLiteral("c"), QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("e"),
                           QStringLiteral("d") }));

    // A refresh that changes a value re-sorts the view.
    model.setRows({ row(1, QStringLiteral("a"), 10.0), row(2, QStringLiteral("b"), 99.0),
                    row(3, QStringLiteral("c"), 100.0), row(4, QStringLiteral("d")),
                    row(5, QStringLiteral("e"), 0.0) });
    QCOMPARE(columnTexts(proxy, FleetTableModel::Name).mid(0, 2),
             QStringList({ QStringLiteral("c"), QStringLiteral("b") }));
}

void TestFleetTableModel::naturalNameSorting()
{
    FleetTableModel model;
    model.setRows({ row(1, QStringLiteral("web-10")), row(2, QStringLiteral("web-9")), row(3, QStringLiteral("Web-2")),
                    row(4, QStringLiteral("api")) });
    FleetFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.sort(FleetTableModel::Name, Qt::AscendingOrder);
    QCOMPARE(columnTexts(proxy, FleetTableModel::Name),
             QStringList({ QStringLiteral("api"), QStringLiteral("Web-2"), QStringLiteral("web-9"),
                           QStringLiteral("web-10") }));

    // Equal values keep names A to Z in either direction.
    proxy.sort(FleetTableModel::Kind, Qt::DescendingOrder);
    QCOMPARE(columnTexts(proxy, FleetTableModel::Name),
             QStringList({ QStringLiteral("api"), QStringLiteral("Web-2"), QStringLiteral("web-9"),
                           QStringLiteral("web-10") }));
}

void TestFleetTableModel::sortingByAge()
{
    FleetTableModel model;
    model.setNow(Now);
    FleetRow a = row(1, QStringLiteral("a"));
    a.metricsUpdatedAt = Now - 2 * 3600; // "2 h ago" sorts by time, not as text
    FleetRow b = row(2, QStringLiteral("b"));
    b.metricsUpdatedAt = Now - 10 * 60;
    FleetRow c = row(3, QStringLiteral("c"));
    c.metricsUpdatedAt = Now - 5 * 86400;
    model.setRows({ a, b, c });
    FleetFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.sort(FleetTableModel::LastUpdated, Qt::DescendingOrder);
    QCOMPARE(columnTexts(proxy, FleetTableModel::LastUpdated),
             QStringList({ QStringLiteral("10 min ago"), QStringLiteral("2 h ago"), QStringLiteral("5 days ago") }));
}

void TestFleetTableModel::filtering_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QStringList>("names");

    QTest::newRow("empty") << QString()
                           << QStringList(
                                  { QStringLiteral("db-main"), QStringLiteral("laptop"), QStringLiteral("web-1") });
    QTest::newRow("name part") << QStringLiteral("WEB") << QStringList({ QStringLiteral("web-1") });
    QTest::newRow("region") << QStringLiteral("nyc3") << QStringList({ QStringLiteral("db-main") });
    QTest::newRow("source") << QStringLiteral("do")
                            << QStringList({ QStringLiteral("db-main"), QStringLiteral("web-1") });
    QTest::newRow("kind as shown") << QStringLiteral("Database") << QStringList({ QStringLiteral("db-main") });
    QTest::newRow("kind as stored") << QStringLiteral("host") << QStringList({ QStringLiteral("laptop") });
    QTest::newRow("tag") << QStringLiteral("prod")
                         << QStringList({ QStringLiteral("db-main"), QStringLiteral("web-1") });
    QTest::newRow("every word") << QStringLiteral(" web   prod ") << QStringList({ QStringLiteral("web-1") });
    QTest::newRow("words in different fields") << QStringLiteral("web nyc3") << QStringList();
    QTest::newRow("numbers are not searched") << QStringLiteral("42") << QStringList();
}

void TestFleetTableModel::filtering()
{
    QFETCH(QString, filter);
    QFETCH(QStringList, names);

    FleetRow web = row(1, QStringLiteral("web-1"), 42.0);
    web.kind = QStringLiteral("droplet");
    web.source = QStringLiteral("do");
    web.region = QStringLiteral("fra1");
    web.tags = QStringList({ QStringLiteral("prod"), QStringLiteral("frontend") });
    FleetRow db = row(2, QStringLiteral("db-main"), 42.0);
    db.kind = QStringLiteral("database");
    db.source = QStringLiteral("do");
    db.region = QStringLiteral("nyc3");
    db.tags = QStringList({ QStringLiteral("prod") });
    const FleetRow laptop = row(3, QStringLiteral("laptop"), 42.0);

    FleetTableModel model;
    model.setRows({ web, db, laptop });
    FleetFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.sort(FleetTableModel::Name);
    proxy.setFilterText(filter);
    QCOMPARE(columnTexts(proxy, FleetTableModel::Name), names);
}

void TestFleetTableModel::thresholdLevels_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<double>("value");
    QTest::addColumn<int>("level");

    const int cpu = FleetTableModel::Cpu;
    const int memory = FleetTableModel::Memory;
    const int disk = FleetTableModel::Disk;
    // Defaults: cpu 80/90, memory 85/95, disk 80/90; a threshold is reached at its value.
    QTest::newRow("cpu 79.9") << cpu << 79.9 << int(FleetTableModel::Normal);
    QTest::newRow("cpu 80") << cpu << 80.0 << int(FleetTableModel::Warning);
    QTest::newRow("cpu 89.99") << cpu << 89.99 << int(FleetTableModel::Warning);
    QTest::newRow("cpu 90") << cpu << 90.0 << int(FleetTableModel::Critical);
    QTest::newRow("cpu 100") << cpu << 100.0 << int(FleetTableModel::Critical);
    QTest::newRow("memory 84.9") << memory << 84.9 << int(FleetTableModel::Normal);
    QTest::newRow("memory 85") << memory << 85.0 << int(FleetTableModel::Warning);
    QTest::newRow("memory 95") << memory << 95.0 << int(FleetTableModel::Critical);
    QTest::newRow("disk 0") << disk << 0.0 << int(FleetTableModel::Normal);
    QTest::newRow("disk 80") << disk << 80.0 << int(FleetTableModel::Warning);
    QTest::newRow("disk 90") << disk << 90.0 << int(FleetTableModel::Critical);
}

void TestFleetTableModel::thresholdLevels()
{
    QFETCH(int, column);
    QFETCH(double, value);
    QFETCH(int, level);

    FleetTableModel model;
    model.setNow(Now);
    FleetRow r = row(1, QStringLiteral("a"));
    (column == FleetTableModel::Cpu ? r.cpu : column == FleetTableModel::Memory ? r.memory : r.disk) = value;
    model.setRows({ r });

    QCOMPARE(cell(model, 0, column, FleetTableModel::LevelRole).toInt(), level);
    const QVariant background = cell(model, 0, column, Qt::BackgroundRole);
    if (level == FleetTableModel::Normal) {
        QVERIFY(!background.isValid()); // the view's own (alternating) base colour
        QVERIFY(cell(model, 0, column, Qt::ToolTipRole).isNull());
    } else {
        const QColor expected
            = FleetTableModel::levelBackground(FleetTableModel::Level(level), QGuiApplication::palette());
        QCOMPARE(background.value<QColor>(), expected);
        QCOMPARE(cell(model, 0, column, Qt::FontRole).value<QFont>().bold(), level == FleetTableModel::Critical);
        QVERIFY(cell(model, 0, column, Qt::ToolTipRole)
                    .toString()
                    .startsWith(level == FleetTableModel::Critical ? QStringLiteral("Critical: at or above")
                                                                   : QStringLiteral("Warning: at or above")));
    }
    // Other columns of the row are never tinted.
    QCOMPARE(cell(model, 0, FleetTableModel::Name, FleetTableModel::LevelRole).toInt(), int(FleetTableModel::Normal));

    // Thresholds come from the configuration.
    AlertConfig alerts;
    alerts.thresholds[Metric::Cpu] = { 50, 60 };
    alerts.thresholds[Metric::Memory] = { 50, 60 };
    alerts.thresholds[Metric::Disk] = { 50, 60 };
    model.setThresholds(alerts);
    const int expected = value >= 60 ? FleetTableModel::Critical
        : value >= 50                ? FleetTableModel::Warning
                                     : FleetTableModel::Normal;
    QCOMPARE(cell(model, 0, column, FleetTableModel::LevelRole).toInt(), expected);
}

void TestFleetTableModel::levelColoursStayReadable_data()
{
    QTest::addColumn<QPalette>("palette");
    QTest::newRow("light") << lightPalette();
    QTest::newRow("dark") << darkPalette();
}

void TestFleetTableModel::levelColoursStayReadable()
{
    QFETCH(QPalette, palette);
    QGuiApplication::setPalette(palette);
    FleetTableModel model;
    model.setNow(Now);
    model.setRows({ row(1, QStringLiteral("a"), 85.0, 99.0) });

    const QColor warning = cell(model, 0, FleetTableModel::Cpu, Qt::BackgroundRole).value<QColor>();
    const QColor critical = cell(model, 0, FleetTableModel::Memory, Qt::BackgroundRole).value<QColor>();
    const QColor text = cell(model, 0, FleetTableModel::Cpu, Qt::ForegroundRole).value<QColor>();
    QCOMPARE(text, palette.color(QPalette::Text));
    QVERIFY(warning.isValid() && critical.isValid());
    QVERIFY(warning != critical);
    // Tinted enough to see, never so much that the text becomes hard to read (WCAG AA: 4.5).
    QVERIFY2(contrast(warning, palette.color(QPalette::Base)) > 1.15, "warning tint invisible");
    QVERIFY2(contrast(critical, palette.color(QPalette::Base)) > 1.15, "critical tint invisible");
    QVERIFY2(contrast(text, warning) >= 4.5, qPrintable(QString::number(contrast(text, warning))));
    QVERIFY2(contrast(text, critical) >= 4.5, qPrintable(QString::number(contrast(text, critical))));
    // Warning looks amber (more red and green than blue), critical red.
    QVERIFY(warning.red() > warning.blue() && warning.green() > warning.blue());
    QVERIFY(critical.red() > critical.green() && critical.red() > critical.blue());
    QGuiApplication::setPalette(lightPalette());
}

void TestFleetTableModel::relativeAge_data()
{
    QTest::addColumn<qint64>("age");
    QTest::addColumn<QString>("text");

    QTest::newRow("now") << qint64(0) << QStringLiteral("just now");
    QTest::newRow("clock ahead") << qint64(-30) << QStringLiteral("just now");
    QTest::newRow("59 s") << qint64(59) << QStringLiteral("just now");
    QTest::newRow("1 min") << qint64(60) << QStringLiteral("1 min ago");
    QTest::newRow("3 min") << qint64(3 * 60 + 59) << QStringLiteral("3 min ago");
    QTest::newRow("59 min") << qint64(3599) << QStringLiteral("59 min ago");
    QTest::newRow("1 h") << qint64(3600) << QStringLiteral("1 h ago");
    QTest::newRow("2 h") << qint64(2 * 3600 + 59 * 60) << QStringLiteral("2 h ago");
    QTest::newRow("23 h") << qint64(86399) << QStringLiteral("23 h ago");
    QTest::newRow("1 day") << qint64(86400) << QStringLiteral("1 day ago");
    QTest::newRow("5 days") << qint64(5 * 86400 + 3600) << QStringLiteral("5 days ago");
    QTest::newRow("400 days") << qint64(400 * 86400) << QStringLiteral("400 days ago");
}

void TestFleetTableModel::relativeAge()
{
    QFETCH(qint64, age);
    QFETCH(QString, text);

    QCOMPARE(RelativeTime::ago(age), text);
    FleetTableModel model;
    model.setNow(Now);
    FleetRow r = row(1, QStringLiteral("a"));
    r.metricsUpdatedAt = Now - age;
    model.setRows({ r });
    QCOMPARE(cell(model, 0, FleetTableModel::LastUpdated).toString(), text);

    // Time passing moves the text on, and the view hears about it.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setNow(Now + 3600);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(cell(model, 0, FleetTableModel::LastUpdated).toString(), RelativeTime::ago(age + 3600));
}

void TestFleetTableModel::staleMarking_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<qint64>("age");
    QTest::addColumn<bool>("stale");

    // local syncs every minute: stale after the 10-minute floor. do every 30 min: after 3 intervals (90 min).
    // prom is not configured here: the [sync] interval (20 min) applies, so 60 min.
    QTest::newRow("local fresh") << QStringLiteral("local") << qint64(30) << false;
    QTest::newRow("local at 10 min") << QStringLiteral("local") << qint64(600) << false;
    QTest::newRow("local past 10 min") << QStringLiteral("local") << qint64(601) << true;
    QTest::newRow("do one hour") << QStringLiteral("do") << qint64(3600) << false;
    QTest::newRow("do past 90 min") << QStringLiteral("do") << qint64(5401) << true;
    QTest::newRow("unconfigured 59 min") << QStringLiteral("prom") << qint64(3540) << false;
    QTest::newRow("unconfigured 61 min") << QStringLiteral("prom") << qint64(3660) << true;
}

void TestFleetTableModel::staleMarking()
{
    QFETCH(QString, source);
    QFETCH(qint64, age);
    QFETCH(bool, stale);

    FleetTableModel model;
    model.setSourceIntervals({ { QStringLiteral("local"), 60 }, { QStringLiteral("do"), 1800 } }, 1200);
    model.setNow(Now);
    FleetRow r = row(1, QStringLiteral("a"), 12.0);
    r.source = source;
    r.metricsUpdatedAt = Now - age;
    model.setRows({ r });

    QCOMPARE(cell(model, 0, FleetTableModel::Name, FleetTableModel::StaleRole).toBool(), stale);
    const QVariant font = cell(model, 0, FleetTableModel::Name, Qt::FontRole);
    QCOMPARE(font.isValid() && font.value<QFont>().italic(), stale);
    const QVariant foreground = cell(model, 0, FleetTableModel::Name, Qt::ForegroundRole);
    if (stale) {
        QCOMPARE(foreground.value<QColor>(), QGuiApplication::palette().color(QPalette::PlaceholderText));
        const QString tip = cell(model, 0, FleetTableModel::Cpu, Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("updated ") + RelativeTime::ago(age)), qPrintable(tip));
    } else {
        QVERIFY(!foreground.isValid());
        QVERIFY(cell(model, 0, FleetTableModel::Cpu, Qt::ToolTipRole).isNull());
    }
}

void TestFleetTableModel::updateInPlaceKeepsSelection()
{
    FleetTableModel model;
    model.setNow(Now);
    model.setRows(
        { row(1, QStringLiteral("a"), 1.0), row(2, QStringLiteral("b"), 2.0), row(3, QStringLiteral("c"), 3.0) });
    FleetFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.sort(FleetTableModel::Name);
    QItemSelectionModel selection(&proxy);
    selection.setCurrentIndex(proxy.index(1, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QCOMPARE(selection.currentIndex().data().toString(), QStringLiteral("b"));

    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    // Same ids, new values: updated in place.
    model.setRows(
        { row(1, QStringLiteral("a"), 1.0), row(2, QStringLiteral("b"), 55.0), row(3, QStringLiteral("c"), 3.0) });
    QCOMPARE(resets.count(), 0);
    QCOMPARE(changes.count(), 1);
    QCOMPARE(changes.first().at(0).toModelIndex().row(), changes.first().at(1).toModelIndex().row()); // just "b"
    QCOMPARE(selection.currentIndex().data().toString(), QStringLiteral("b"));
    QCOMPARE(selection.currentIndex().siblingAtColumn(FleetTableModel::Cpu).data().toString(),
             QStringLiteral("55.0 %"));

    // Nothing changed: nothing announced.
    changes.clear();
    model.setRows(model.rows());
    QCOMPARE(changes.count(), 0);

    // "a" goes, "d" arrives: the selection still follows "b".
    model.setRows(
        { row(2, QStringLiteral("b"), 55.0), row(3, QStringLiteral("c"), 3.0), row(4, QStringLiteral("d"), 4.0) });
    QCOMPARE(resets.count(), 0);
    QCOMPARE(columnTexts(proxy, FleetTableModel::Name),
             QStringList({ QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d") }));
    QCOMPARE(selection.currentIndex().data().toString(), QStringLiteral("b"));
    QCOMPARE(selection.selectedRows().size(), 1);
    QCOMPARE(selection.selectedRows().first().data().toString(), QStringLiteral("b"));

    model.setRows({});
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!selection.currentIndex().isValid());
}

std::optional<DatabaseUrl> TestFleetTableModel::seedDatabase(const QTemporaryDir &dir, const Seed &seed)
{
    const auto url = DatabaseUrl::parse(QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("cache.db")));
    if (!url)
        return std::nullopt;
    const QString connection = QStringLiteral("seed");
    {
        QString error;
        const auto db = Database::open(*url, connection, &error);
        if (!db) {
            qWarning() << error;
            return std::nullopt;
        }
        MetricStore store(*db);
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        bool ok = store.transaction();
        const auto ids = store.upsertResources(QStringLiteral("local"), seed.resources, now);
        ok = ok && ids.has_value();
        QList<SampleRow> samples;
        for (const auto &[externalId, metric, value] : seed.latest)
            samples << SampleRow { ids ? ids->value(externalId) : 0, metric, now - 20, value };
        ok = ok && store.writeSamples(samples) >= 0;
        for (const SyncRunRecord &run : seed.runs)
            ok = ok && store.insertSyncRun(run);
        ok = ok && store.commit();
        if (!ok) {
            qWarning() << store.lastError();
            return std::nullopt;
        }
    }
    Database::close(connection);
    return url;
}

void TestFleetTableModel::windowShowsCachedFleet()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    Seed seed;
    seed.resources = { ResourceInfo { QStringLiteral("m1"),
                                      QStringLiteral("alpha"),
                                      QStringLiteral("host"),
                                      {},
                                      QStringLiteral("online"),
                                      {},
                                      4,
                                      8192,
                                      100 },
                       ResourceInfo { QStringLiteral("m2"),
                                      QStringLiteral("beta"),
                                      QStringLiteral("host"),
                                      {},
                                      QStringLiteral("online"),
                                      {},
                                      2,
                                      4096,
                                      50 } };
    seed.latest = { { QStringLiteral("m1"), Metric::Cpu, 42.3 },
                    { QStringLiteral("m1"), Metric::Memory, 61.0 },
                    { QStringLiteral("m1"), Metric::Disk, 91.0 },
                    { QStringLiteral("m2"), Metric::Cpu, 9.5 } };
    SyncRunRecord run;
    run.source = QStringLiteral("local");
    run.sourceType = QStringLiteral("local");
    run.startedAt = now - 151;
    run.finishedAt = now - 150;
    run.status = QStringLiteral("ok");
    run.resources = 2;
    seed.runs = { run };
    const auto url = seedDatabase(dir, seed);
    QVERIFY(url);

    RunSetup setup;
    setup.database = *url; // and no sources: nothing syncs, the window only reads the cache
    MainWindow window(setup);
    window.show();
    QCOMPARE(window.windowTitle(), QStringLiteral("OpsDeck"));

    auto *view = window.findChild<QTableView *>(QStringLiteral("fleetView"));
    QVERIFY(view);
    const QAbstractItemModel &model = *view->model();
    QTRY_COMPARE(model.rowCount(), 2);
    QCOMPARE(columnTexts(model, FleetTableModel::Name),
             QStringList({ QStringLiteral("alpha"), QStringLiteral("beta") }));
    QCOMPARE(columnTexts(model, FleetTableModel::Cpu),
             QStringList({ QStringLiteral("42.3 %"), QStringLiteral("9.5 %") }));
    QCOMPARE(columnTexts(model, FleetTableModel::Memory), QStringList({ QStringLiteral("61.0 %"), QString() }));
    QCOMPARE(cell(model, 0, FleetTableModel::Disk, FleetTableModel::LevelRole).toInt(), int(FleetTableModel::Critical));
    QCOMPARE(columnTexts(model, FleetTableModel::LastUpdated),
             QStringList({ QStringLiteral("just now"), QStringLiteral("just now") }));

    auto *status = window.findChild<QLabel *>(QStringLiteral("syncStatus"));
    QVERIFY(status);
    QTRY_COMPARE(status->text(), QStringLiteral("Last sync 2 min ago · 2 resources"));
    auto *error = window.findChild<QLabel *>(QStringLiteral("syncError"));
    QVERIFY(error && error->isHidden());
    auto *empty = window.findChild<QLabel *>(QStringLiteral("emptyState"));
    QVERIFY(empty && empty->isHidden());
    auto *sync = window.findChild<QAction *>(QStringLiteral("syncNowAction"));
    QVERIFY(sync && !sync->isEnabled()); // no source to sync
    QCOMPARE(sync->shortcuts(), QList<QKeySequence>({ QKeySequence(Qt::CTRL | Qt::Key_R), QKeySequence(Qt::Key_F5) }));

    // The filter narrows the table and says so; a filter that matches nothing says that.
    auto *filter = window.findChild<QLineEdit *>(QStringLiteral("filterEdit"));
    QVERIFY(filter);
    QCOMPARE(filter->placeholderText(), QStringLiteral("Filter resources…"));
    filter->setText(QStringLiteral("bet"));
    QCOMPARE(columnTexts(model, FleetTableModel::Name), QStringList({ QStringLiteral("beta") }));
    QCOMPARE(status->text(), QStringLiteral("Last sync 2 min ago · 1 of 2 resources"));
    filter->setText(QStringLiteral("gamma"));
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(empty->isVisible());
    QCOMPARE(empty->text(), QStringLiteral("No resources match “gamma”."));
    filter->clear();
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(empty->isHidden());

    // Ctrl+F goes to the filter.
    QApplication::setActiveWindow(&window);
    view->setFocus();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTest::keySequence(&window, QKeySequence::Find);
    QTRY_VERIFY(filter->hasFocus());
}

void TestFleetTableModel::windowExplainsFailedFirstSync()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    SyncRunRecord run;
    run.source = QStringLiteral("do");
    run.sourceType = QStringLiteral("digitalocean");
    run.startedAt = now - 61;
    run.finishedAt = now - 60;
    run.status = QStringLiteral("failed");
    run.error = QStringLiteral("DigitalOcean token rejected (401) for source 'do': set DIGITALOCEAN_TOKEN");
    Seed seed;
    seed.runs = { run };
    const auto url = seedDatabase(dir, seed);
    QVERIFY(url);

    RunSetup setup;
    setup.database = *url;
    setup.config.filePath = dir.filePath(QStringLiteral("opsdeck.ini"));
    MainWindow window(setup);
    window.show();

    auto *empty = window.findChild<QLabel *>(QStringLiteral("emptyState"));
    QVERIFY(empty);
    QTRY_VERIFY(empty->isVisible());
    QVERIFY2(empty->text().contains(run.error), qPrintable(empty->text()));
    QVERIFY2(empty->text().contains(QStringLiteral("Sync now (F5)")), qPrintable(empty->text()));
    auto *error = window.findChild<QLabel *>(QStringLiteral("syncError"));
    QVERIFY(error && error->isVisible());
    QCOMPARE(error->toolTip(), QStringLiteral("Last sync failed: ") + run.error);
    auto *status = window.findChild<QLabel *>(QStringLiteral("syncStatus"));
    QCOMPARE(status->text(), QStringLiteral("Last sync 1 min ago · 0 resources"));
}

void TestFleetTableModel::windowWithoutSources()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto url = seedDatabase(dir, Seed {});
    QVERIFY(url);
    RunSetup setup;
    setup.database = *url;
    setup.config.filePath = dir.filePath(QStringLiteral("opsdeck.ini"));
    MainWindow window(setup);
    window.show();

    auto *empty = window.findChild<QLabel *>(QStringLiteral("emptyState"));
    QTRY_VERIFY(empty->isVisible());
    QVERIFY2(empty->text().startsWith(QStringLiteral("No source is enabled")), qPrintable(empty->text()));
    QVERIFY(empty->text().contains(setup.config.filePath));
    auto *status = window.findChild<QLabel *>(QStringLiteral("syncStatus"));
    QCOMPARE(status->text(), QStringLiteral("Not synced yet · 0 resources"));
}

// End to end on this machine: the engine syncs the local source into the cache, the window reads it back.
void TestFleetTableModel::windowSyncsLocalSource()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto url = seedDatabase(dir, Seed {});
    QVERIFY(url);
    RunSetup setup;
    setup.database = *url;
    SourceConfig local;
    local.name = QStringLiteral("local");
    local.type = QStringLiteral("local");
    local.intervalSeconds = 3600; // one scheduled round at start, then only when asked
    setup.config.sources = { local };
    MainWindow window(setup);
    window.show();

    auto *view = window.findChild<QTableView *>(QStringLiteral("fleetView"));
    auto *status = window.findChild<QLabel *>(QStringLiteral("syncStatus"));
    auto *sync = window.findChild<QAction *>(QStringLiteral("syncNowAction"));
    auto *progress = window.findChild<QWidget *>(QStringLiteral("syncProgress"));
    QVERIFY(view && status && sync && progress);
    QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 1, 20000);
    QCOMPARE(cell(*view->model(), 0, FleetTableModel::Source).toString(), QStringLiteral("local"));
    QCOMPARE(cell(*view->model(), 0, FleetTableModel::Kind).toString(), QStringLiteral("Host"));
    QTRY_COMPARE_WITH_TIMEOUT(status->text(), QStringLiteral("Last sync just now · 1 resource"), 20000);
    QVERIFY(progress->isHidden());
    QTRY_VERIFY(sync->isEnabled());

    // Sync now: busy at once, back to the summary when the round is done.
    sync->trigger();
    QVERIFY(status->text() == QStringLiteral("Starting sync…") || status->text() == QStringLiteral("Syncing local…"));
    QVERIFY(progress->isVisible());
    QVERIFY(!sync->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(status->text(), QStringLiteral("Last sync just now · 1 resource"), 20000);
    QVERIFY(progress->isHidden());
    QVERIFY(sync->isEnabled());
    QVERIFY(!cell(*view->model(), 0, FleetTableModel::Memory).toString().isEmpty());
}

QTEST_MAIN(TestFleetTableModel)
#include "tst_fleettablemodel.moc"
