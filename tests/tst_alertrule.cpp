#include "alerts/alertrule.h"

#include <QTest>

namespace {

// "tag prod cpu critical=70 for=60": scope, target, metric, then the fields it sets.
AlertOverride parseOverride(const QString &text)
{
    const QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    AlertOverride o;
    o.scope = *alertScopeFromName(words.value(0));
    o.target = words.value(1) == QLatin1String("''") ? QString() : words.value(1);
    o.metric = *metricFromName(words.value(2));
    for (qsizetype i = 3; i < words.size(); ++i) {
        const QString key = words[i].section(QLatin1Char('='), 0, 0);
        const QString value = words[i].section(QLatin1Char('='), 1);
        if (key == QLatin1String("warning"))
            o.warning = value.toDouble();
        else if (key == QLatin1String("critical"))
            o.critical = value.toDouble();
        else if (key == QLatin1String("for"))
            o.forSeconds = value.toLongLong();
        else if (key == QLatin1String("clear_margin"))
            o.clearMargin = value.toDouble();
        else
            qFatal("bad override field %s", qPrintable(key));
    }
    return o;
}

AlertRuleSet ruleSet(const QStringList &overrides)
{
    AlertRuleSet set;
    for (const QString &text : overrides)
        set.addOverride(parseOverride(text));
    return set;
}

// "80/90/300/5": warning/critical/for/clear margin.
QString shown(const AlertRule &rule)
{
    return QStringLiteral("%1/%2/%3/%4")
        .arg(QString::number(rule.warning), QString::number(rule.critical), QString::number(rule.forSeconds),
             QString::number(rule.clearMargin));
}

} // namespace

class TestAlertRule : public QObject
{
    Q_OBJECT

private slots:
    void defaults_data();
    void defaults();
    void fromConfig();
    void precedence_data();
    void precedence();
    void tagOrderDoesNotMatter();
    void ruleForResourceInfo();
    void removeOverride();
    void validate_data();
    void validate();
    void names();
};

void TestAlertRule::defaults_data()
{
    QTest::addColumn<QString>("metric");
    QTest::addColumn<QString>("rule");

    QTest::newRow("cpu") << QStringLiteral("cpu") << QStringLiteral("80/90/300/5");
    QTest::newRow("memory") << QStringLiteral("memory") << QStringLiteral("85/95/300/5");
    QTest::newRow("disk") << QStringLiteral("disk") << QStringLiteral("80/90/300/5");
}

void TestAlertRule::defaults()
{
    QFETCH(QString, metric);
    QFETCH(QString, rule);

    const Metric m = *metricFromName(metric);
    const AlertRuleSet set;
    QCOMPARE(set.defaultRule(m).metric, m);
    QCOMPARE(shown(set.defaultRule(m)), rule);
    QCOMPARE(shown(set.ruleFor(QStringLiteral("web-1"), QStringLiteral("droplet"), {}, m)), rule);
    QVERIFY(set.validate().isEmpty());
}

void TestAlertRule::fromConfig()
{
    AlertConfig config;
    config.thresholds[Metric::Cpu] = { 70, 75 };
    config.forSeconds = 120;
    config.clearMargin = 2;
    const AlertRuleSet set(config);
    QCOMPARE(shown(set.defaultRule(Metric::Cpu)), QStringLiteral("70/75/120/2"));
    QCOMPARE(shown(set.defaultRule(Metric::Memory)), QStringLiteral("85/95/120/2"));
}

void TestAlertRule::precedence_data()
{
    QTest::addColumn<QStringList>("overrides");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QStringList>("tags");
    QTest::addColumn<QString>("metric");
    QTest::addColumn<QString>("rule");

    const QString web = QStringLiteral("web-0003");
    const QString droplet = QStringLiteral("droplet");
    const QStringList prod { QStringLiteral("prod") };
    const QString cpu = QStringLiteral("cpu");
    const QStringList all { QStringLiteral("kind droplet cpu warning=60 critical=70"),
                            QStringLiteral("tag prod cpu warning=61 critical=71"),
                            QStringLiteral("resource web-0003 cpu warning=62 critical=72") };

    QTest::newRow("no overrides: default")
        << QStringList() << web << droplet << prod << cpu << QStringLiteral("80/90/300/5");
    QTest::newRow("kind over default") << all.mid(0, 1) << web << droplet << prod << cpu
                                       << QStringLiteral("60/70/300/5");
    QTest::newRow("tag over kind") << all.mid(0, 2) << web << droplet << prod << cpu << QStringLiteral("61/71/300/5");
    QTest::newRow("resource over tag") << all << web << droplet << prod << cpu << QStringLiteral("62/72/300/5");
    QTest::newRow("resource over tag, listed first")
        << QStringList { all[2], all[1], all[0] } << web << droplet << prod << cpu << QStringLiteral("62/72/300/5");
    QTest::newRow("other resource: tag") << all << QStringLiteral("web-0004") << droplet << prod << cpu
                                         << QStringLiteral("61/71/300/5");
    QTest::newRow("other resource, untagged: kind")
        << all << QStringLiteral("web-0004") << droplet << QStringList() << cpu << QStringLiteral("60/70/300/5");
    QTest::newRow("other kind, untagged: default") << all << QStringLiteral("db-1") << QStringLiteral("database")
                                                   << QStringList() << cpu << QStringLiteral("80/90/300/5");
    QTest::newRow("other metric: default")
        << all << web << droplet << prod << QStringLiteral("memory") << QStringLiteral("85/95/300/5");
    QTest::newRow("names match exactly") << all << QStringLiteral("WEB-0003") << QStringLiteral("Droplet")
                                         << QStringList { QStringLiteral("Prod") } << cpu
                                         << QStringLiteral("80/90/300/5");
    QTest::newRow("unset fields fall through level by level")
        << QStringList { QStringLiteral("kind droplet cpu clear_margin=2"), QStringLiteral("tag prod cpu for=60"),
                         QStringLiteral("resource web-0003 cpu critical=95") }
        << web << droplet << prod << cpu << QStringLiteral("80/95/60/2");
    QTest::newRow("resource sets for only: thresholds from the tag")
        << QStringList { QStringLiteral("tag prod cpu warning=50 critical=60"),
                         QStringLiteral("resource web-0003 cpu for=0") }
        << web << droplet << prod << cpu << QStringLiteral("50/60/0/5");
    QTest::newRow("two tags: the one alerting more wins, field by field")
        << QStringList { QStringLiteral("tag prod cpu warning=70 critical=85 for=600 clear_margin=3"),
                         QStringLiteral("tag db cpu warning=75 critical=80 for=120 clear_margin=8") }
        << web << droplet << QStringList { QStringLiteral("prod"), QStringLiteral("db") } << cpu
        << QStringLiteral("70/80/120/8");
    QTest::newRow("two tags, one sets critical only")
        << QStringList { QStringLiteral("tag prod cpu critical=85"), QStringLiteral("tag db cpu for=60") } << web
        << droplet << QStringList { QStringLiteral("db"), QStringLiteral("prod") } << cpu
        << QStringLiteral("80/85/60/5");
    QTest::newRow("a matching resource beats any tag, even a stricter one")
        << QStringList { QStringLiteral("tag prod cpu critical=50"),
                         QStringLiteral("resource web-0003 cpu critical=99") }
        << web << droplet << prod << cpu << QStringLiteral("80/99/300/5");
}

void TestAlertRule::precedence()
{
    QFETCH(QStringList, overrides);
    QFETCH(QString, name);
    QFETCH(QString, kind);
    QFETCH(QStringList, tags);
    QFETCH(QString, metric);
    QFETCH(QString, rule);

    const AlertRule r = ruleSet(overrides).ruleFor(name, kind, tags, *metricFromName(metric));
    QCOMPARE(r.metric, *metricFromName(metric));
    QCOMPARE(shown(r), rule);
}

void TestAlertRule::tagOrderDoesNotMatter()
{
    const QStringList overrides { QStringLiteral("tag a cpu warning=70 critical=85"),
                                  QStringLiteral("tag b cpu warning=75 critical=80 for=60"),
                                  QStringLiteral("tag c cpu clear_margin=9") };
    QStringList reversed = overrides;
    std::reverse(reversed.begin(), reversed.end());
    const QStringList tags { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") };
    QStringList tagsReversed = tags;
    std::reverse(tagsReversed.begin(), tagsReversed.end());
    const QString expected = QStringLiteral("70/80/60/9");
    for (const QStringList &o : { overrides, reversed }) {
        for (const QStringList &t : { tags, tagsReversed })
            QCOMPARE(shown(ruleSet(o).ruleFor(QStringLiteral("x"), QStringLiteral("host"), t, Metric::Cpu)), expected);
    }
}

void TestAlertRule::ruleForResourceInfo()
{
    ResourceInfo info;
    info.name = QStringLiteral("db-main");
    info.kind = QStringLiteral("database");
    info.tags = { QStringLiteral("prod") };
    const AlertRuleSet set = ruleSet({ QStringLiteral("kind database disk warning=70 critical=85") });
    QCOMPARE(shown(set.ruleFor(info, Metric::Disk)), QStringLiteral("70/85/300/5"));
    QCOMPARE(set.ruleFor(info, Metric::Disk).metric, Metric::Disk);
}

void TestAlertRule::removeOverride()
{
    AlertRuleSet set
        = ruleSet({ QStringLiteral("tag prod cpu critical=70"), QStringLiteral("tag prod disk critical=70") });
    QVERIFY(set.removeOverride(AlertScope::Tag, QStringLiteral("prod"), Metric::Cpu));
    QVERIFY(!set.removeOverride(AlertScope::Tag, QStringLiteral("prod"), Metric::Cpu));
    QCOMPARE(set.overrides().size(), 1);
    QCOMPARE(set.overrides().first().metric, Metric::Disk);
}

void TestAlertRule::validate_data()
{
    QTest::addColumn<QStringList>("overrides");
    QTest::addColumn<QString>("defaultRule"); // "" = the built-in defaults, else "metric w/c/for/margin"
    QTest::addColumn<QStringList>("errors"); // one fragment per expected error, in order

    QTest::newRow("valid") << QStringList { QStringLiteral("resource web-1 cpu warning=50 critical=60 for=0"),
                                            QStringLiteral("tag prod memory clear_margin=0"),
                                            QStringLiteral("kind database disk for=3600") }
                           << QString() << QStringList();
    QTest::newRow("warning above critical")
        << QStringList { QStringLiteral("tag prod cpu warning=95 critical=90") } << QString()
        << QStringList { QStringLiteral("cpu override for tag \"prod\": warning 95 is above critical 90") };
    QTest::newRow("critical below the default warning")
        << QStringList { QStringLiteral("resource web-1 cpu critical=70") } << QString()
        << QStringList { QStringLiteral(
               "cpu override for resource \"web-1\": warning 80 (the default) is above critical 70") };
    QTest::newRow("out of range")
        << QStringList { QStringLiteral("kind droplet memory warning=-1 critical=120") } << QString()
        << QStringList { QStringLiteral("memory override for kind \"droplet\": warning -1 is outside 0–100"),
                         QStringLiteral("memory override for kind \"droplet\": critical 120 is outside 0–100") };
    QTest::newRow("not a number") << QStringList { QStringLiteral("tag x cpu critical=nan") } << QString()
                                  << QStringList { QStringLiteral("critical nan is outside 0–100") };
    QTest::newRow("negative clear margin") << QStringList { QStringLiteral("tag x disk clear_margin=-2") } << QString()
                                           << QStringList { QStringLiteral("clear_margin -2 is outside 0–100") };
    QTest::newRow("negative for") << QStringList {
        QStringLiteral("tag x disk for=-5")
    } << QString() << QStringList { QStringLiteral("disk override for tag \"x\": for -5 s is negative") };
    QTest::newRow("margin that never resolves")
        << QStringList { QStringLiteral("resource web-1 cpu warning=4 critical=50") } << QString()
        << QStringList { QStringLiteral(
               "cpu override for resource \"web-1\": clear_margin 5 (the default) is not below warning 4") };
    QTest::newRow("empty target") << QStringList { QStringLiteral("tag '' cpu critical=95") } << QString()
                                  << QStringList { QStringLiteral("cpu override for tag \"\": the tag is empty") };
    QTest::newRow("unknown kind") << QStringList { QStringLiteral("kind server cpu critical=95") } << QString()
                                  << QStringList { QStringLiteral(
                                         "cpu override for kind \"server\": unknown kind; allowed: host, droplet, "
                                         "database, app") };
    QTest::newRow("sets nothing") << QStringList { QStringLiteral("resource web-1 cpu") } << QString()
                                  << QStringList { QStringLiteral("cpu override for resource \"web-1\" sets nothing") };
    QTest::newRow("given twice") << QStringList { QStringLiteral("tag prod cpu critical=95"),
                                                  QStringLiteral("tag prod cpu for=60"),
                                                  QStringLiteral("tag prod disk for=60") }
                                 << QString()
                                 << QStringList { QStringLiteral("cpu override for tag \"prod\" is given twice") };
    QTest::newRow("bad default") << QStringList() << QStringLiteral("disk 95/90/300/5")
                                 << QStringList { QStringLiteral("disk defaults: warning 95 is above critical 90") };
    QTest::newRow("override repairing a bad default is fine")
        << QStringList { QStringLiteral("tag prod disk warning=85") } << QStringLiteral("disk 95/90/300/5")
        << QStringList { QStringLiteral("disk defaults: warning 95 is above critical 90") };
}

void TestAlertRule::validate()
{
    QFETCH(QStringList, overrides);
    QFETCH(QString, defaultRule);
    QFETCH(QStringList, errors);

    AlertRuleSet set = ruleSet(overrides);
    if (!defaultRule.isEmpty()) {
        const QStringList parts = defaultRule.split(QLatin1Char(' '));
        const QStringList values = parts[1].split(QLatin1Char('/'));
        AlertRule rule;
        rule.metric = *metricFromName(parts[0]);
        rule.warning = values[0].toDouble();
        rule.critical = values[1].toDouble();
        rule.forSeconds = values[2].toLongLong();
        rule.clearMargin = values[3].toDouble();
        set.setDefaultRule(rule);
    }
    const QStringList found = set.validate();
    QCOMPARE(found.size(), errors.size());
    for (qsizetype i = 0; i < errors.size(); ++i) {
        if (!found[i].contains(errors[i]))
            QFAIL(qPrintable(QStringLiteral("error %1 is \"%2\", expected it to contain \"%3\"")
                                 .arg(QString::number(i), found[i], errors[i])));
    }
}

void TestAlertRule::names()
{
    for (AlertLevel level : { AlertLevel::Warning, AlertLevel::Critical })
        QCOMPARE(alertLevelFromName(alertLevelName(level)), level);
    for (AlertScope scope : { AlertScope::Kind, AlertScope::Tag, AlertScope::Resource })
        QCOMPARE(alertScopeFromName(alertScopeName(scope)), scope);
    QVERIFY(!alertLevelFromName(QStringLiteral("fatal")));
    QVERIFY(AlertLevel::Critical > AlertLevel::Warning);
}

QTEST_GUILESS_MAIN(TestAlertRule)
#include "tst_alertrule.moc"
