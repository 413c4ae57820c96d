<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>DetailDialog</name>
    <message>
        <location filename="../src/ui/detaildialog.cpp" line="45"/>
        <source>%1 · %2 — raw samples</source>
        <translation>%1 · %2 – Rohwerte</translation>
    </message>
    <message>
        <location filename="../src/ui/detaildialog.cpp" line="52"/>
        <source>%1 from %2 to %3: reading…</source>
        <translation>%1 von %2 bis %3: wird gelesen …</translation>
    </message>
    <message>
        <location filename="../src/ui/detaildialog.cpp" line="62"/>
        <location filename="../src/ui/detaildialog.cpp" line="163"/>
        <source>Time (local)</source>
        <translation>Zeit (lokal)</translation>
    </message>
    <message>
        <location filename="../src/ui/detaildialog.cpp" line="62"/>
        <location filename="../src/ui/detaildialog.cpp" line="163"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../src/ui/detaildialog.cpp" line="62"/>
        <location filename="../src/ui/detaildialog.cpp" line="163"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location filename="../src/ui/detaildialog.cpp" line="67"/>
        <source>Raw samples</source>
        <translation>Rohwerte</translation>
    </message>
    <message>
        <location filename="../src/ui/detaildialog.cpp" line="81"/>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <location filename="../src/ui/detaildialog.cpp" line="83"/>
        <source>Copy the samples to the clipboard, tab-separated, for a spreadsheet</source>
        <translation>Die Messwerte tabulatorgetrennt für eine Tabellenkalkulation in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <location filename="../src/ui/detaildialog.cpp" line="84"/>
        <source>&amp;Export CSV…</source>
        <translation>Als CSV &amp;exportieren …</translation>
    </message>
    <message>
        <location filename="../src/ui/detaildialog.cpp" line="110"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../src/ui/detaildialog.cpp" line="112"/>
        <source>Memory</source>
        <translation>Arbeitsspeicher</translation>
    </message>
    <message>
        <location filename="../src/ui/detaildialog.cpp" line="114"/>
        <source>Disk</source>
        <translation>Festplatte</translation>
    </message>
    <message>
        <location filename="../src/ui/detaildialog.cpp" line="123"/>
        <source>%1 to %2</source>
        <translation>%1 bis %2</translation>
    </message>
    <message>
        <location filename="../src/ui/detaildialog.cpp" line="125"/>
        <source>Cannot read the samples from %1: %2</source>
        <translation>Die Messwerte von %1 können nicht gelesen werden: %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/detaildialog.cpp" line="127"/>
        <source>%1 of %2 from %3: %n sample(s)</source>
        <translation>
            <numerusform>%1 von %2, %3: %n Messwert</numerusform>
            <numerusform>%1 von %2, %3: %n Messwerte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/detaildialog.cpp" line="134"/>
        <source>Raw samples older than %n day(s) are gone; this point is the hourly summary: min %1, average %2, max %3 over %4 samples.</source>
        <translation>
            <numerusform>Rohwerte, die älter als %n Tag sind, sind gelöscht; dieser Punkt ist die stündliche Zusammenfassung: min. %1, Mittel %2, max. %3 aus %4 Messwerten.</numerusform>
            <numerusform>Rohwerte, die älter als %n Tage sind, sind gelöscht; dieser Punkt ist die stündliche Zusammenfassung: min. %1, Mittel %2, max. %3 aus %4 Messwerten.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/detaildialog.cpp" line="177"/>
        <location filename="../src/ui/detaildialog.cpp" line="189"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location filename="../src/ui/detaildialog.cpp" line="206"/>
        <source>Export samples</source>
        <translation>Messwerte exportieren</translation>
    </message>
    <message>
        <location filename="../src/ui/detaildialog.cpp" line="207"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location filename="../src/ui/detaildialog.cpp" line="212"/>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>FleetTableModel</name>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="51"/>
        <source>%1 GB</source>
        <translation>%1 GB</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="52"/>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="206"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="212"/>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="214"/>
        <source>Droplet</source>
        <translation>Droplet</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="216"/>
        <location filename="../src/ui/mainwindow.cpp" line="222"/>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="218"/>
        <source>App</source>
        <translation>App</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="250"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="277"/>
        <location filename="../src/ui/fleettablemodel.cpp" line="282"/>
        <source>No readings yet</source>
        <translation>Noch keine Messwerte</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="281"/>
        <source>Stale: updated %1</source>
        <translation>Veraltet: aktualisiert %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/fleettablemodel.cpp" line="287"/>
        <source>%n vCPU</source>
        <translation>
            <numerusform>%n vCPU</numerusform>
            <numerusform>%n vCPUs</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="289"/>
        <source>%1 memory</source>
        <translation>%1 Arbeitsspeicher</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="291"/>
        <source>%1 disk</source>
        <translation>%1 Festplatte</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="295"/>
        <source>Tags: %1</source>
        <translation>Tags: %1</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="302"/>
        <source>Critical: at or above %1 %</source>
        <translation>Kritisch: ab %1 %</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="305"/>
        <source>Warning: at or above %1 %</source>
        <translation>Warnung: ab %1 %</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="360"/>
        <source>critical</source>
        <translation>kritisch</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="362"/>
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="364"/>
        <source>stale</source>
        <translation>veraltet</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="392"/>
        <source>Latest reading; warning at %1 %, critical at %2 %</source>
        <translation>Letzter Messwert; Warnung ab %1 %, kritisch ab %2 %</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="396"/>
        <source>Age of the newest reading</source>
        <translation>Alter des neuesten Messwerts</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="403"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="405"/>
        <source>Kind</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="407"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="409"/>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="411"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="413"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="415"/>
        <source>Memory</source>
        <translation>Arbeitsspeicher</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="417"/>
        <source>Disk</source>
        <translation>Festplatte</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="419"/>
        <source>Last updated</source>
        <translation>Aktualisiert</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="66"/>
        <source>OpsDeck</source>
        <translation>OpsDeck</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="112"/>
        <source>Sync now</source>
        <translation>Jetzt synchronisieren</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="115"/>
        <source>Sync all enabled sources now (Ctrl+R, F5)</source>
        <translation>Alle aktivierten Quellen jetzt synchronisieren (Strg+R, F5)</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="119"/>
        <source>Filter</source>
        <translation>Filtern</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="127"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="135"/>
        <source>Main Toolbar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="146"/>
        <source>Time range</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="147"/>
        <source>How far back the trend charts reach (Alt+A)</source>
        <translation>Wie weit die Verlaufsdiagramme zurückreichen (Alt+E)</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="149"/>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="149"/>
        <source>Last 6 hours</source>
        <translation>Letzte 6 Stunden</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="149"/>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="149"/>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="149"/>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="160"/>
        <source>R&amp;ange:</source>
        <translation>Z&amp;eitraum:</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="172"/>
        <source>Filter resources…</source>
        <translation>Ressourcen filtern…</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="173"/>
        <source>Filter resources</source>
        <translation>Ressourcen filtern</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="174"/>
        <source>Show only resources whose name, kind, source, region, status or tags contain every word typed (Ctrl+F)</source>
        <translation>Nur Ressourcen anzeigen, deren Name, Typ, Quelle, Region, Status oder Tags jedes eingegebene Wort enthalten (Strg+F)</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="195"/>
        <source>Fleet</source>
        <translation>Ressourcen</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="196"/>
        <source>Resources with their latest CPU, memory and disk readings</source>
        <translation>Ressourcen mit ihren neuesten Messwerten für CPU, Arbeitsspeicher und Festplatte</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="337"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="368"/>
        <source>Sync in progress</source>
        <translation>Synchronisierung läuft</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="377"/>
        <source>Sync status</source>
        <translation>Synchronisierungsstatus</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="382"/>
        <source>Last sync error</source>
        <translation>Letzter Synchronisierungsfehler</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="391"/>
        <source>Query cache hit rate</source>
        <translation>Trefferquote des Abfrage-Caches</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="557"/>
        <source>Cannot sync: %1</source>
        <translation>Synchronisierung nicht möglich: %1</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="561"/>
        <source>source &apos;%1&apos; failed</source>
        <translation>Quelle „%1“ fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="562"/>
        <location filename="../src/ui/mainwindow.cpp" line="566"/>
        <source>Last sync failed: %1</source>
        <translation>Letzte Synchronisierung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="574"/>
        <source>Reading the cache…</source>
        <translation>Cache wird gelesen…</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="576"/>
        <source>Syncing %1…</source>
        <translation>%1 wird synchronisiert…</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="578"/>
        <source>Starting sync…</source>
        <translation>Synchronisierung wird gestartet…</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="582"/>
        <source>Last sync %1</source>
        <translation>Zuletzt synchronisiert %1</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="582"/>
        <source>Not synced yet</source>
        <translation>Noch nicht synchronisiert</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="587"/>
        <source>%1 of %2 resources</source>
        <translation>%1 von %2 Ressourcen</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="589"/>
        <source>1 resource</source>
        <translation>1 Ressource</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/mainwindow.cpp" line="589"/>
        <source>%n resources</source>
        <translation>
            <numerusform>%n Ressource</numerusform>
            <numerusform>%n Ressourcen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="596"/>
        <source>No source is enabled in %1</source>
        <translation>In %1 ist keine Quelle aktiviert</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="598"/>
        <source>Cannot read the cache: %1</source>
        <translation>Cache kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="611"/>
        <source>cache %1 % hits</source>
        <translation>Cache %1 % Treffer</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="622"/>
        <source>OpsDeck cannot read its cache:
%1</source>
        <translation>OpsDeck kann seinen Cache nicht lesen:
%1</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="624"/>
        <source>%1

Check the source settings in %2, then press Sync now (F5).</source>
        <translation>%1

Prüfen Sie die Einstellungen der Quellen in %2 und wählen Sie dann „Jetzt synchronisieren“ (F5).</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="626"/>
        <source>No source is enabled, so there is nothing to collect.

Add a [source.NAME] section to %1 and restart OpsDeck.</source>
        <translation>Es ist keine Quelle aktiviert, daher gibt es nichts zu erfassen.

Fügen Sie in %1 einen Abschnitt [source.NAME] hinzu und starten Sie OpsDeck neu.</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="633"/>
        <source>Collecting the first readings of this machine…</source>
        <translation>Erste Messwerte dieses Rechners werden erfasst…</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="634"/>
        <source>Collecting the first readings from your sources…</source>
        <translation>Erste Messwerte Ihrer Quellen werden erfasst…</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="637"/>
        <source>No resources match “%1”.</source>
        <translation>Keine Ressource passt zu „%1“.</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="644"/>
        <source>The CPU, memory and disk trends of a resource appear here once it has readings.</source>
        <translation>Die Verläufe von CPU, Arbeitsspeicher und Festplatte einer Ressource erscheinen hier, sobald sie Messwerte hat.</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="646"/>
        <source>Select a resource in the table to see its CPU, memory and disk trends.</source>
        <translation>Wählen Sie eine Ressource in der Tabelle, um ihre Verläufe von CPU, Arbeitsspeicher und Festplatte zu sehen.</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../src/app/main.cpp" line="46"/>
        <source>OpsDeck cannot start</source>
        <translation>OpsDeck kann nicht starten</translation>
    </message>
</context>
<context>
    <name>RelativeTime</name>
    <message>
        <location filename="../src/ui/relativetime.cpp" line="12"/>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/relativetime.cpp" line="15"/>
        <source>%n min ago</source>
        <translation>
            <numerusform>vor %n Min.</numerusform>
            <numerusform>vor %n Min.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/relativetime.cpp" line="17"/>
        <source>%n h ago</source>
        <translation>
            <numerusform>vor %n Std.</numerusform>
            <numerusform>vor %n Std.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/relativetime.cpp" line="20"/>
        <source>1 day ago</source>
        <translation>vor 1 Tag</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/relativetime.cpp" line="20"/>
        <source>%n days ago</source>
        <translation>
            <numerusform>vor %n Tag</numerusform>
            <numerusform>vor %n Tagen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrendChartView</name>
    <message>
        <location filename="../src/ui/trendchartview.cpp" line="53"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location filename="../src/ui/trendchartview.cpp" line="116"/>
        <source>Range</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <location filename="../src/ui/trendchartview.cpp" line="118"/>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location filename="../src/ui/trendchartview.cpp" line="120"/>
        <source>Critical</source>
        <translation>Kritisch</translation>
    </message>
    <message>
        <location filename="../src/ui/trendchartview.cpp" line="122"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../src/ui/trendchartview.cpp" line="260"/>
        <source>HH:mm</source>
        <comment>time axis labels for ranges up to a day (QDateTime format)</comment>
        <translation>HH:mm</translation>
    </message>
    <message>
        <location filename="../src/ui/trendchartview.cpp" line="262"/>
        <source>ddd HH:mm</source>
        <comment>time axis labels for ranges up to a week (QDateTime format)</comment>
        <translation>ddd HH:mm</translation>
    </message>
    <message>
        <location filename="../src/ui/trendchartview.cpp" line="263"/>
        <source>MMM d</source>
        <comment>time axis labels for ranges over a week (QDateTime format)</comment>
        <translation>d. MMM</translation>
    </message>
    <message>
        <location filename="../src/ui/trendchartview.cpp" line="317"/>
        <source>No samples in this range yet</source>
        <translation>In diesem Zeitraum gibt es noch keine Messwerte</translation>
    </message>
    <message>
        <location filename="../src/ui/trendchartview.cpp" line="406"/>
        <source>Trend chart</source>
        <translation>Verlaufsdiagramm</translation>
    </message>
    <message>
        <location filename="../src/ui/trendchartview.cpp" line="406"/>
        <source>%1 trend chart</source>
        <translation>Verlaufsdiagramm %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/trendchartview.cpp" line="413"/>
        <source>%n points from %1 to %2, latest %3. Left and Right move between points.</source>
        <translation>
            <numerusform>%n Punkt von %1 bis %2, zuletzt %3. Mit Links und Rechts zwischen den Punkten wechseln.</numerusform>
            <numerusform>%n Punkte von %1 bis %2, zuletzt %3. Mit Links und Rechts zwischen den Punkten wechseln.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/trendchartview.cpp" line="470"/>
        <source>Average %1</source>
        <translation>Durchschnitt %1</translation>
    </message>
    <message>
        <location filename="../src/ui/trendchartview.cpp" line="471"/>
        <source>Min %1 · max %2</source>
        <translation>Min. %1 · max. %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/trendchartview.cpp" line="472"/>
        <source>%n samples</source>
        <translation>
            <numerusform>%n Messwert</numerusform>
            <numerusform>%n Messwerte</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/trendchartview.cpp" line="473"/>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <location filename="../src/ui/trendchartview.cpp" line="481"/>
        <source>Click or press Enter for the samples</source>
        <translation>Klicken oder Eingabetaste drücken, um die Messwerte zu sehen</translation>
    </message>
    <message>
        <location filename="../src/ui/trendchartview.cpp" line="689"/>
        <source>critical %1 %</source>
        <translation>kritisch %1 %</translation>
    </message>
    <message>
        <location filename="../src/ui/trendchartview.cpp" line="693"/>
        <source>warning %1 %</source>
        <translation>Warnung %1 %</translation>
    </message>
</context>
</TS>
