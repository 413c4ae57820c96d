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
        <location filename="../src/ui/detaildialog.cpp" line="53"/>
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
        <location filename="../src/ui/detaildialog.cpp" line="128"/>
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
        <location filename="../src/ui/detaildialog.cpp" line="207"/>
        <source>Export samples</source>
        <translation>Messwerte exportieren</translation>
    </message>
    <message>
        <location filename="../src/ui/detaildialog.cpp" line="208"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location filename="../src/ui/detaildialog.cpp" line="213"/>
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
        <location filename="../src/ui/mainwindow.cpp" line="234"/>
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
        <location filename="../src/ui/mainwindow.cpp" line="74"/>
        <source>OpsDeck</source>
        <translation>OpsDeck</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="124"/>
        <source>Sync now</source>
        <translation>Jetzt synchronisieren</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="127"/>
        <source>Sync all enabled sources now (Ctrl+R, F5)</source>
        <translation>Alle aktivierten Quellen jetzt synchronisieren (Strg+R, F5)</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="131"/>
        <source>Filter</source>
        <translation>Filtern</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="139"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="147"/>
        <source>Main Toolbar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="158"/>
        <source>Time range</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="159"/>
        <source>How far back the trend charts reach (Alt+A)</source>
        <translation>Wie weit die Verlaufsdiagramme zurückreichen (Alt+E)</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="161"/>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="161"/>
        <source>Last 6 hours</source>
        <translation>Letzte 6 Stunden</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="161"/>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="161"/>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="161"/>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="172"/>
        <source>R&amp;ange:</source>
        <translation>Z&amp;eitraum:</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="184"/>
        <source>Filter resources…</source>
        <translation>Ressourcen filtern…</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="185"/>
        <source>Filter resources</source>
        <translation>Ressourcen filtern</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="186"/>
        <source>Show only resources whose name, kind, source, region, status or tags contain every word typed (Ctrl+F)</source>
        <translation>Nur Ressourcen anzeigen, deren Name, Typ, Quelle, Region, Status oder Tags jedes eingegebene Wort enthalten (Strg+F)</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="207"/>
        <source>Fleet</source>
        <translation>Ressourcen</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="208"/>
        <source>Resources with their latest CPU, memory and disk readings</source>
        <translation>Ressourcen mit ihren neuesten Messwerten für CPU, Arbeitsspeicher und Festplatte</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="307"/>
        <source>&amp;Trends</source>
        <translation>&amp;Verlauf</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="308"/>
        <source>&amp;Overview</source>
        <translation>Ü&amp;bersicht</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="309"/>
        <source>S&amp;ync</source>
        <translation>S&amp;ynchronisation</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="310"/>
        <source>&amp;Performance</source>
        <translation>&amp;Leistung</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="311"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="359"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="390"/>
        <source>Sync in progress</source>
        <translation>Synchronisierung läuft</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="399"/>
        <source>Sync status</source>
        <translation>Synchronisierungsstatus</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="404"/>
        <source>Last sync error</source>
        <translation>Letzter Synchronisierungsfehler</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="413"/>
        <source>Query cache hit rate</source>
        <translation>Trefferquote des Abfrage-Caches</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="464"/>
        <source>OpsDeck is still running</source>
        <translation>OpsDeck läuft weiter</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="465"/>
        <source>OpsDeck keeps syncing and will tell you about alerts from the tray. Choose Quit in the tray menu (or press Ctrl+Q) to end it.</source>
        <translation>OpsDeck synchronisiert weiter und meldet Alarme über das Symbol im Systembereich. Wählen Sie dort „Beenden“ (oder drücken Sie Strg+Q), um OpsDeck zu beenden.</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="636"/>
        <source>Cannot sync: %1</source>
        <translation>Synchronisierung nicht möglich: %1</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="640"/>
        <source>source &apos;%1&apos; failed</source>
        <translation>Quelle „%1“ fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="641"/>
        <location filename="../src/ui/mainwindow.cpp" line="645"/>
        <source>Last sync failed: %1</source>
        <translation>Letzte Synchronisierung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="653"/>
        <source>Reading the cache…</source>
        <translation>Cache wird gelesen…</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="655"/>
        <source>Syncing %1…</source>
        <translation>%1 wird synchronisiert…</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="657"/>
        <source>Starting sync…</source>
        <translation>Synchronisierung wird gestartet…</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="661"/>
        <source>Last sync %1</source>
        <translation>Zuletzt synchronisiert %1</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="661"/>
        <source>Not synced yet</source>
        <translation>Noch nicht synchronisiert</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="666"/>
        <source>%1 of %2 resources</source>
        <translation>%1 von %2 Ressourcen</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="668"/>
        <source>1 resource</source>
        <translation>1 Ressource</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/mainwindow.cpp" line="668"/>
        <source>%n resources</source>
        <translation>
            <numerusform>%n Ressource</numerusform>
            <numerusform>%n Ressourcen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="675"/>
        <source>No source is enabled in %1</source>
        <translation>In %1 ist keine Quelle aktiviert</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="677"/>
        <source>Cannot read the cache: %1</source>
        <translation>Cache kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="690"/>
        <source>cache %1 % hits</source>
        <translation>Cache %1 % Treffer</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="701"/>
        <source>OpsDeck cannot read its cache:
%1</source>
        <translation>OpsDeck kann seinen Cache nicht lesen:
%1</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="703"/>
        <source>%1

Check the source settings in %2, then press Sync now (F5).</source>
        <translation>%1

Prüfen Sie die Einstellungen der Quellen in %2 und wählen Sie dann „Jetzt synchronisieren“ (F5).</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="705"/>
        <source>No source is enabled, so there is nothing to collect.

Add a [source.NAME] section to %1 and restart OpsDeck.</source>
        <translation>Es ist keine Quelle aktiviert, daher gibt es nichts zu erfassen.

Fügen Sie in %1 einen Abschnitt [source.NAME] hinzu und starten Sie OpsDeck neu.</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="712"/>
        <source>Collecting the first readings of this machine…</source>
        <translation>Erste Messwerte dieses Rechners werden erfasst…</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="713"/>
        <source>Collecting the first readings from your sources…</source>
        <translation>Erste Messwerte Ihrer Quellen werden erfasst…</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="716"/>
        <source>No resources match “%1”.</source>
        <translation>Keine Ressource passt zu „%1“.</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="723"/>
        <source>The CPU, memory and disk trends of a resource appear here once it has readings.</source>
        <translation>Die Verläufe von CPU, Arbeitsspeicher und Festplatte einer Ressource erscheinen hier, sobald sie Messwerte hat.</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="725"/>
        <source>Select a resource in the table to see its CPU, memory and disk trends.</source>
        <translation>Wählen Sie eine Ressource in der Tabelle, um ihre Verläufe von CPU, Arbeitsspeicher und Festplatte zu sehen.</translation>
    </message>
</context>
<context>
    <name>OverviewPanel</name>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="28"/>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="30"/>
        <location filename="../src/ui/overviewpanel.cpp" line="152"/>
        <source>No resources yet. Run a sync (opsdeck --sync) or wait for the next one, and the fleet appears here.</source>
        <translation>Noch keine Ressourcen. Starten Sie eine Synchronisierung (opsdeck --sync) oder warten Sie auf die nächste, dann erscheint die Flotte hier.</translation>
    </message>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="33"/>
        <source>Overview empty</source>
        <translation>Übersicht leer</translation>
    </message>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="39"/>
        <source>Resources by kind</source>
        <translation>Ressourcen nach Art</translation>
    </message>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="45"/>
        <source>Resources by status</source>
        <translation>Ressourcen nach Status</translation>
    </message>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="52"/>
        <location filename="../src/ui/overviewpanel.cpp" line="68"/>
        <source>Top %1 by %2</source>
        <translation>Top %1 nach %2</translation>
    </message>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="53"/>
        <source>Resource</source>
        <translation>Ressource</translation>
    </message>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="63"/>
        <source>Fleet average %1, last 24 h</source>
        <translation>Flottendurchschnitt %1, letzte 24 h</translation>
    </message>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="64"/>
        <source>Fleet average %1</source>
        <translation>Flottendurchschnitt %1</translation>
    </message>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="106"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="108"/>
        <source>Memory</source>
        <translation>Arbeitsspeicher</translation>
    </message>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="110"/>
        <source>Disk</source>
        <translation>Festplatte</translation>
    </message>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="118"/>
        <source>1 host</source>
        <translation>1 Host</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/overviewpanel.cpp" line="118"/>
        <source>%n hosts</source>
        <translation>
            <numerusform>%n Host</numerusform>
            <numerusform>%n Hosts</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="120"/>
        <source>1 droplet</source>
        <translation>1 Droplet</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/overviewpanel.cpp" line="120"/>
        <source>%n droplets</source>
        <translation>
            <numerusform>%n Droplet</numerusform>
            <numerusform>%n Droplets</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="122"/>
        <source>1 database</source>
        <translation>1 Datenbank</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/overviewpanel.cpp" line="122"/>
        <source>%n databases</source>
        <translation>
            <numerusform>%n Datenbank</numerusform>
            <numerusform>%n Datenbanken</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="124"/>
        <source>1 app</source>
        <translation>1 App</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/overviewpanel.cpp" line="124"/>
        <source>%n apps</source>
        <translation>
            <numerusform>%n App</numerusform>
            <numerusform>%n Apps</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="125"/>
        <source>%1 %2</source>
        <comment>count and kind</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="147"/>
        <source>The overview could not be read: %1</source>
        <translation>Die Übersicht konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="166"/>
        <source>1 resource</source>
        <translation>1 Ressource</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/overviewpanel.cpp" line="166"/>
        <source>%n resources</source>
        <translation>
            <numerusform>%n Ressource</numerusform>
            <numerusform>%n Ressourcen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="172"/>
        <source>%1 %2</source>
        <comment>count and status</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="173"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="200"/>
        <source>%1 (%2, %3)</source>
        <translation>%1 (%2, %3)</translation>
    </message>
</context>
<context>
    <name>PerformancePanel</name>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="19"/>
        <source>Performance</source>
        <translation>Leistung</translation>
    </message>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="27"/>
        <source>Query timings</source>
        <translation>Abfragezeiten</translation>
    </message>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="37"/>
        <source>Queries</source>
        <translation>Abfragen</translation>
    </message>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="41"/>
        <source>Cache</source>
        <translation>Cache</translation>
    </message>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="42"/>
        <source>Query cache</source>
        <translation>Abfrage-Cache</translation>
    </message>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="44"/>
        <source>Hit rate:</source>
        <translation>Trefferquote:</translation>
    </message>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="44"/>
        <source>Size:</source>
        <translation>Größe:</translation>
    </message>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="44"/>
        <source>Entries:</source>
        <translation>Einträge:</translation>
    </message>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="44"/>
        <source>Hits:</source>
        <translation>Treffer:</translation>
    </message>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="45"/>
        <source>Misses:</source>
        <translation>Fehlgriffe:</translation>
    </message>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="45"/>
        <source>Evictions:</source>
        <translation>Verdrängungen:</translation>
    </message>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="45"/>
        <source>Fresh for:</source>
        <translation>Gültig für:</translation>
    </message>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="52"/>
        <source>How long a result is served from memory before it is read again</source>
        <translation>Wie lange ein Ergebnis aus dem Speicher geliefert wird, bevor es neu gelesen wird</translation>
    </message>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="53"/>
        <source>Results dropped to stay within the cache&apos;s size</source>
        <translation>Ergebnisse, die verworfen wurden, damit der Cache seine Größe einhält</translation>
    </message>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="79"/>
        <source>%1 KB</source>
        <translation>%1 KB</translation>
    </message>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="80"/>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="87"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="88"/>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="95"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="96"/>
        <source>no reads yet</source>
        <translation>noch keine Abfragen</translation>
    </message>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="97"/>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="101"/>
        <source>%1 (%2 stale while refreshing)</source>
        <translation>%1 (%2 veraltet während der Aktualisierung)</translation>
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
    <name>QueryStatsModel</name>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="59"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="66"/>
        <source>EXCELLENT</source>
        <translation>SEHR GUT</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="68"/>
        <source>GOOD</source>
        <translation>GUT</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="70"/>
        <source>SLOW</source>
        <translation>LANGSAM</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="72"/>
        <source>CRITICAL</source>
        <translation>KRITISCH</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="82"/>
        <source>%1× baseline</source>
        <translation>%1× Basiswert</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="162"/>
        <source>No baseline yet: it is saved when OpsDeck quits</source>
        <translation>Noch kein Basiswert: er wird beim Beenden von OpsDeck gespeichert</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="163"/>
        <source>Baseline P50: %1</source>
        <translation>Basiswert P50: %1</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="166"/>
        <source>Fastest %1, slowest %2</source>
        <translation>Schnellste %1, langsamste %2</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="203"/>
        <source>Median duration: half of the runs were faster</source>
        <translation>Median der Dauer: die Hälfte der Läufe war schneller</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="205"/>
        <source>95th percentile: the rating is judged on it</source>
        <translation>95. Perzentil: danach richtet sich die Bewertung</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="207"/>
        <source>99th percentile</source>
        <translation>99. Perzentil</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="209"/>
        <source>Runs slower than the slow threshold</source>
        <translation>Läufe über der Schwelle für langsam</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="211"/>
        <source>Runs slower than the critical threshold</source>
        <translation>Läufe über der Schwelle für kritisch</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="213"/>
        <source>Median against the median of earlier sessions</source>
        <translation>Median im Vergleich zum Median früherer Sitzungen</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="222"/>
        <source>Query</source>
        <translation>Abfrage</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="224"/>
        <source>Count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="226"/>
        <source>P50</source>
        <translation>P50</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="228"/>
        <source>P95</source>
        <translation>P95</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="230"/>
        <source>P99</source>
        <translation>P99</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="232"/>
        <source>Slow</source>
        <translation>Langsam</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="234"/>
        <source>Critical</source>
        <translation>Kritisch</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="236"/>
        <source>Rating</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="238"/>
        <source>Regression</source>
        <translation>Regression</translation>
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
    <name>SyncLogModel</name>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="57"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="59"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="61"/>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="69"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="71"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="73"/>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="81"/>
        <source>The sync failed without saying why; run opsdeck --sync in a terminal to see its output</source>
        <translation>Die Synchronisierung ist ohne Angabe eines Grundes fehlgeschlagen; führen Sie opsdeck --sync in einem Terminal aus, um die Ausgabe zu sehen</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="83"/>
        <source>Another OpsDeck was syncing this source at the time</source>
        <translation>Ein anderes OpsDeck synchronisierte diese Quelle zu der Zeit</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="156"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="183"/>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="204"/>
        <source>Resources the source reported</source>
        <translation>Von der Quelle gemeldete Ressourcen</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="206"/>
        <source>New samples stored</source>
        <translation>Neu gespeicherte Messwerte</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="208"/>
        <source>Requests made to the provider&apos;s API</source>
        <translation>Anfragen an die API des Anbieters</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="210"/>
        <source>Requests the provider refused for its rate limit</source>
        <translation>Anfragen, die der Anbieter wegen seines Ratenlimits abgelehnt hat</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="219"/>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="221"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="223"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="225"/>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="227"/>
        <source>Resources</source>
        <translation>Ressourcen</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="229"/>
        <source>Samples</source>
        <translation>Messwerte</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="231"/>
        <source>API calls</source>
        <translation>API-Aufrufe</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="233"/>
        <source>Throttled</source>
        <translation>Gedrosselt</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="235"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="34"/>
        <source>This computer</source>
        <translation>Dieser Computer</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="36"/>
        <source>DigitalOcean</source>
        <translation>DigitalOcean</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="38"/>
        <source>Prometheus</source>
        <translation>Prometheus</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="40"/>
        <source>node_exporter</source>
        <translation>node_exporter</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="67"/>
        <source>Sync</source>
        <translation>Synchronisierung</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="69"/>
        <source>Sources</source>
        <translation>Quellen</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="75"/>
        <source>Sources and their syncs</source>
        <translation>Quellen und ihre Synchronisierungen</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="77"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="77"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="77"/>
        <source>Last sync</source>
        <translation>Letzte Synchronisierung</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="77"/>
        <source>Next sync</source>
        <translation>Nächste Synchronisierung</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="77"/>
        <source>API budget (last hour)</source>
        <translation>API-Budget (letzte Stunde)</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="79"/>
        <source>API calls of the last hour, from the sync log, against the source&apos;s requests_per_hour</source>
        <translation>API-Aufrufe der letzten Stunde laut Synchronisierungsprotokoll, verglichen mit requests_per_hour der Quelle</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="94"/>
        <location filename="../src/ui/syncpanel.cpp" line="114"/>
        <source>Sync log</source>
        <translation>Synchronisierungsprotokoll</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="98"/>
        <source>Show syncs of</source>
        <translation>Synchronisierungen anzeigen von</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="99"/>
        <source>All sources</source>
        <translation>Alle Quellen</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="102"/>
        <source>&amp;Show:</source>
        <translation>&amp;Anzeigen:</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="125"/>
        <source>Sync log status</source>
        <translation>Status des Synchronisierungsprotokolls</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="283"/>
        <source>due now</source>
        <translation>jetzt fällig</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="285"/>
        <source>in %1 s</source>
        <translation>in %1 s</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="287"/>
        <source>in %1 min %2 s</source>
        <translation>in %1 min %2 s</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="288"/>
        <source>in %1 h %2 min</source>
        <translation>in %1 h %2 min</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="295"/>
        <source>%1 of %2 (%3 %)</source>
        <translation>%1 von %2 (%3 %)</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="314"/>
        <source>Disabled in the configuration: set enabled = true in [source.%1] to sync it</source>
        <translation>In der Konfiguration deaktiviert: setzen Sie enabled = true in [source.%1], um sie zu synchronisieren</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="320"/>
        <source>syncing now: %1 of %2 requests</source>
        <translation>wird synchronisiert: %1 von %2 Anfragen</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="321"/>
        <source>syncing now…</source>
        <translation>wird synchronisiert …</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="324"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="332"/>
        <source>%1 — failed: %2</source>
        <translation>%1 — fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="335"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="353"/>
        <source>disabled</source>
        <translation>deaktiviert</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="355"/>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="359"/>
        <source>not scheduled yet</source>
        <translation>noch nicht geplant</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="365"/>
        <source>no limit</source>
        <translation>kein Limit</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="366"/>
        <source>This source has no API request limit</source>
        <translation>Diese Quelle hat kein Limit für API-Anfragen</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="372"/>
        <source>Counted from the sync log; set requests_per_hour in [source.%1] to change the limit</source>
        <translation>Aus dem Synchronisierungsprotokoll gezählt; setzen Sie requests_per_hour in [source.%1], um das Limit zu ändern</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="407"/>
        <source>Reading the sync log…</source>
        <translation>Synchronisierungsprotokoll wird gelesen …</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="409"/>
        <source>Could not read the sync log: %1</source>
        <translation>Das Synchronisierungsprotokoll konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="411"/>
        <source>No syncs yet — press Sync now (Ctrl+R)</source>
        <translation>Noch keine Synchronisierungen — drücken Sie „Jetzt synchronisieren“ (Strg+R)</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="413"/>
        <source>No syncs of %1 yet — press Sync now (Ctrl+R)</source>
        <translation>Noch keine Synchronisierungen von %1 — drücken Sie „Jetzt synchronisieren“ (Strg+R)</translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message>
        <location filename="../src/ui/traycontroller.cpp" line="49"/>
        <source>Show OpsDeck</source>
        <translation>OpsDeck anzeigen</translation>
    </message>
    <message>
        <location filename="../src/ui/traycontroller.cpp" line="51"/>
        <source>Sync now</source>
        <translation>Jetzt synchronisieren</translation>
    </message>
    <message>
        <location filename="../src/ui/traycontroller.cpp" line="55"/>
        <source>Pause notifications</source>
        <translation>Benachrichtigungen pausieren</translation>
    </message>
    <message>
        <location filename="../src/ui/traycontroller.cpp" line="60"/>
        <source>For 1 hour</source>
        <translation>Für 1 Stunde</translation>
    </message>
    <message>
        <location filename="../src/ui/traycontroller.cpp" line="62"/>
        <source>Until tomorrow</source>
        <translation>Bis morgen</translation>
    </message>
    <message>
        <location filename="../src/ui/traycontroller.cpp" line="68"/>
        <source>Resume notifications</source>
        <translation>Benachrichtigungen fortsetzen</translation>
    </message>
    <message>
        <location filename="../src/ui/traycontroller.cpp" line="71"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <location filename="../src/ui/traycontroller.cpp" line="202"/>
        <source>OpsDeck — all clear</source>
        <translation>OpsDeck – alles in Ordnung</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/traycontroller.cpp" line="206"/>
        <source>OpsDeck — %n alerts (%1 critical)</source>
        <translation>
            <numerusform>OpsDeck – %n Alarm (%1 kritisch)</numerusform>
            <numerusform>OpsDeck – %n Alarme (%1 kritisch)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/traycontroller.cpp" line="210"/>
        <source>Notifications paused until %1</source>
        <translation>Benachrichtigungen pausiert bis %1</translation>
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
