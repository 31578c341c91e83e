<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AppSettings</name>
    <message>
        <source>Convex deployment URL</source>
        <translation>Convex-Deployment-URL</translation>
    </message>
    <message>
        <source>Clerk publishable key</source>
        <translation>Öffentlicher Clerk-Schlüssel</translation>
    </message>
    <message>
        <source>Clerk Frontend API URL</source>
        <translation>Clerk-Frontend-API-URL</translation>
    </message>
    <message>
        <source>JWT template</source>
        <translation>JWT-Vorlage</translation>
    </message>
    <message>
        <source>The Convex deployment URL is not set (e.g. https://happy-animal-123.convex.cloud).</source>
        <translation>Die Convex-Deployment-URL ist nicht festgelegt (z. B. https://happy-animal-123.convex.cloud).</translation>
    </message>
    <message>
        <source>Set the Clerk publishable key (pk_test_… or pk_live_…) or the Clerk Frontend API URL.</source>
        <translation>Legen Sie den öffentlichen Clerk-Schlüssel (pk_test_… oder pk_live_…) oder die Clerk-Frontend-API-URL fest.</translation>
    </message>
    <message>
        <source>The Clerk publishable key is not valid (%1). Copy it from the Clerk dashboard: API Keys → Publishable key.</source>
        <translation>Der öffentliche Clerk-Schlüssel ist ungültig (%1). Kopieren Sie ihn aus dem Clerk-Dashboard: API Keys → Publishable key.</translation>
    </message>
    <message>
        <source>The JWT template name may use only letters, digits, &apos;-&apos; and &apos;_&apos; (up to 64).</source>
        <translation>Der Name der JWT-Vorlage darf nur Buchstaben, Ziffern, &apos;-&apos; und &apos;_&apos; enthalten (höchstens 64 Zeichen).</translation>
    </message>
</context>
<context>
    <name>AppStatus</name>
    <message>
        <source>%1 s</source>
        <comment>seconds</comment>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>the connection was lost</source>
        <translation>die Verbindung ist abgebrochen</translation>
    </message>
    <message>
        <source>the server stopped answering</source>
        <translation>der Server antwortet nicht mehr</translation>
    </message>
    <message>
        <source>it sent a message Qonvex cannot read</source>
        <translation>er hat eine Nachricht gesendet, die Qonvex nicht lesen kann</translation>
    </message>
    <message>
        <source>it sent a message too large to accept</source>
        <translation>er hat eine zu große Nachricht gesendet</translation>
    </message>
    <message>
        <source>Not configured</source>
        <translation>Nicht eingerichtet</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>The connection to the server was closed.</source>
        <translation>Die Verbindung zum Server wurde geschlossen.</translation>
    </message>
    <message>
        <source>The server ended the connection: %1</source>
        <translation>Der Server hat die Verbindung beendet: %1</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>You are offline. Changes you make are kept and sent when the network is back.</source>
        <translation>Sie sind offline. Ihre Änderungen bleiben erhalten und werden gesendet, sobald das Netzwerk wieder verfügbar ist.</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Wird neu verbunden…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Wird verbunden…</translation>
    </message>
    <message>
        <source>Reconnecting in %1 (attempt %2)</source>
        <translation>Neu verbinden in %1 (Versuch %2)</translation>
    </message>
    <message>
        <source>Reconnecting… (attempt %1)</source>
        <translation>Wird neu verbunden… (Versuch %1)</translation>
    </message>
    <message>
        <source>Cannot reach the server. Your data stays on screen; changes are sent once it is back.</source>
        <translation>Der Server ist nicht erreichbar. Ihre Daten bleiben sichtbar; Änderungen werden gesendet, sobald er wieder erreichbar ist.</translation>
    </message>
    <message>
        <source>Cannot connect to the server. Your data stays on screen; changes are sent once it is back.</source>
        <translation>Keine Verbindung zum Server möglich. Ihre Daten bleiben sichtbar; Änderungen werden gesendet, sobald er wieder erreichbar ist.</translation>
    </message>
    <message>
        <source>Cannot reach the server (%1). Your data stays on screen; changes are sent once it is back.</source>
        <translation>Der Server ist nicht erreichbar (%1). Ihre Daten bleiben sichtbar; Änderungen werden gesendet, sobald er wieder erreichbar ist.</translation>
    </message>
    <message>
        <source>Cannot connect to the server (%1). Your data stays on screen; changes are sent once it is back.</source>
        <translation>Keine Verbindung zum Server möglich (%1). Ihre Daten bleiben sichtbar; Änderungen werden gesendet, sobald er wieder erreichbar ist.</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>Abgemeldet</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Anmeldung läuft…</translation>
    </message>
    <message>
        <source>Keychain unavailable</source>
        <translation>Schlüsselbund nicht verfügbar</translation>
    </message>
    <message>
        <source>Sign-in problem</source>
        <translation>Anmeldeproblem</translation>
    </message>
    <message>
        <source>Cannot reach the sign-in service.</source>
        <translation>Der Anmeldedienst ist nicht erreichbar.</translation>
    </message>
    <message>
        <source>you</source>
        <translation>Ihr Konto</translation>
    </message>
    <message>
        <source> (this session only)</source>
        <translation> (nur diese Sitzung)</translation>
    </message>
    <message>
        <source>Not confirmed by the server</source>
        <translation>Vom Server nicht bestätigt</translation>
    </message>
    <message>
        <source>The server did not accept your sign-in: %1</source>
        <translation>Der Server hat Ihre Anmeldung nicht akzeptiert: %1</translation>
    </message>
    <message>
        <source>Confirming sign-in as %1…</source>
        <translation>Anmeldung wird bestätigt (%1)…</translation>
    </message>
    <message>
        <source>Signed in as %1%2</source>
        <translation>Angemeldet: %1%2</translation>
    </message>
    <message>
        <source>1 change pending</source>
        <translation>1 Änderung ausstehend</translation>
    </message>
    <message>
        <source>%1 changes pending</source>
        <translation>%1 Änderungen ausstehend</translation>
    </message>
    <message>
        <source>1 change you made before you were signed out may not have been saved: the server had not confirmed it. Sign in and check your data.</source>
        <translation>1 Änderung, die Sie vor der Abmeldung vorgenommen haben, wurde möglicherweise nicht gespeichert: Der Server hatte sie nicht bestätigt. Melden Sie sich an und prüfen Sie Ihre Daten.</translation>
    </message>
    <message>
        <source>%1 changes you made before you were signed out may not have been saved: the server had not confirmed them. Sign in and check your data.</source>
        <translation>%1 Änderungen, die Sie vor der Abmeldung vorgenommen haben, wurden möglicherweise nicht gespeichert: Der Server hatte sie nicht bestätigt. Melden Sie sich an und prüfen Sie Ihre Daten.</translation>
    </message>
</context>
<context>
    <name>ClerkConfig</name>
    <message>
        <source>the publishable key is empty</source>
        <translation>der öffentliche Schlüssel ist leer</translation>
    </message>
    <message>
        <source>the publishable key must start with pk_test_ or pk_live_</source>
        <translation>der öffentliche Schlüssel muss mit pk_test_ oder pk_live_ beginnen</translation>
    </message>
    <message>
        <source>the publishable key has an unexpected format</source>
        <translation>der öffentliche Schlüssel hat ein unerwartetes Format</translation>
    </message>
    <message>
        <source>the publishable key has no encoded host</source>
        <translation>der öffentliche Schlüssel enthält keinen kodierten Host</translation>
    </message>
    <message>
        <source>the publishable key is not valid base64</source>
        <translation>der öffentliche Schlüssel ist kein gültiges Base64</translation>
    </message>
    <message>
        <source>the publishable key does not encode a host followed by &apos;$&apos;</source>
        <translation>der öffentliche Schlüssel kodiert keinen Host gefolgt von &apos;$&apos;</translation>
    </message>
    <message>
        <source>the publishable key does not encode a domain name</source>
        <translation>der öffentliche Schlüssel kodiert keinen Domainnamen</translation>
    </message>
    <message>
        <source>the publishable key encodes an invalid host</source>
        <translation>der öffentliche Schlüssel kodiert einen ungültigen Host</translation>
    </message>
    <message>
        <source>%1 is not set</source>
        <translation>%1 ist nicht festgelegt</translation>
    </message>
    <message>
        <source>%1 is not a valid absolute URL</source>
        <translation>%1 ist keine gültige absolute URL</translation>
    </message>
    <message>
        <source>%1 must be an https URL</source>
        <translation>%1 muss eine https-URL sein</translation>
    </message>
    <message>
        <source>%1 must use https (plain http is only allowed for localhost)</source>
        <translation>%1 muss https verwenden (einfaches http ist nur für localhost erlaubt)</translation>
    </message>
    <message>
        <source>%1 must not contain user info, a query or a fragment</source>
        <translation>%1 darf keine Benutzerangaben, keine Abfrage und kein Fragment enthalten</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>%1 goes here.
(%2 is not part of this build yet.)</source>
        <translation>%1 erscheint hier.
(%2 ist in diesem Build noch nicht enthalten.)</translation>
    </message>
    <message>
        <source>%1 (not available)</source>
        <translation>%1 (nicht verfügbar)</translation>
    </message>
    <message>
        <source>optional: https://clerk.example.com</source>
        <translation>optional: https://clerk.example.com</translation>
    </message>
    <message>
        <source>convex (empty: Clerk session token)</source>
        <translation>convex (leer: Clerk-Sitzungstoken)</translation>
    </message>
</context>
<context>
    <name>qonvex::app::SessionController</name>
    <message>
        <source>Sign-in did not produce a session</source>
        <translation>Bei der Anmeldung wurde keine Sitzung erstellt</translation>
    </message>
    <message>
        <source>Restoring your session…</source>
        <translation>Ihre Sitzung wird wiederhergestellt…</translation>
    </message>
    <message>
        <source>The system keychain is not available (%1). You can stay signed in for this session only.</source>
        <translation>Der Schlüsselbund des Systems ist nicht verfügbar (%1). Sie können nur für diese Sitzung angemeldet bleiben.</translation>
    </message>
    <message>
        <source>Cannot reach Clerk to restore your session (%1); retrying…</source>
        <translation>Clerk ist zum Wiederherstellen Ihrer Sitzung nicht erreichbar (%1); erneuter Versuch…</translation>
    </message>
    <message>
        <source>Waiting for you to sign in…</source>
        <translation>Warten auf Ihre Anmeldung…</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>Abgemeldet</translation>
    </message>
    <message>
        <source>Your session has ended. Please sign in again.</source>
        <translation>Ihre Sitzung ist beendet. Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>Your session was revoked. Please sign in again.</source>
        <translation>Ihre Sitzung wurde widerrufen. Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>Your session expired. Please sign in again.</source>
        <translation>Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>The system keychain refused to store your sign-in (%1). You can stay signed in for this session only.</source>
        <translation>Der Schlüsselbund des Systems hat das Speichern Ihrer Anmeldung abgelehnt (%1). Sie können nur für diese Sitzung angemeldet bleiben.</translation>
    </message>
</context>
<context>
    <name>qonvex::console::FunctionConsoleController</name>
    <message>
        <source>an object is not closed with }, or a field name is not in double quotes</source>
        <translation>ein Objekt ist nicht mit } geschlossen, oder ein Feldname steht nicht in doppelten Anführungszeichen</translation>
    </message>
    <message>
        <source>a &apos;:&apos; is missing after a field name</source>
        <translation>nach einem Feldnamen fehlt ein &apos;:&apos;</translation>
    </message>
    <message>
        <source>an array is not closed with ]</source>
        <translation>ein Array ist nicht mit ] geschlossen</translation>
    </message>
    <message>
        <source>a &apos;,&apos; is missing between two values</source>
        <translation>zwischen zwei Werten fehlt ein &apos;,&apos;</translation>
    </message>
    <message>
        <source>a value is missing</source>
        <translation>ein Wert fehlt</translation>
    </message>
    <message>
        <source>the text ends too early (a closing } or ] is missing)</source>
        <translation>der Text endet zu früh (eine schließende } oder ] fehlt)</translation>
    </message>
    <message>
        <source>a string is not closed with &quot;</source>
        <translation>eine Zeichenkette ist nicht mit &quot; geschlossen</translation>
    </message>
    <message>
        <source>there is more text after the object</source>
        <translation>nach dem Objekt folgt weiterer Text</translation>
    </message>
    <message>
        <source>Arguments must be a JSON object, e.g. {&quot;value&quot;: 1}</source>
        <translation>Die Argumente müssen ein JSON-Objekt sein, z. B. {&quot;value&quot;: 1}</translation>
    </message>
    <message>
        <source>Arguments are not valid JSON: %1 (at character %2)</source>
        <translation>Die Argumente sind kein gültiges JSON: %1 (bei Zeichen %2)</translation>
    </message>
    <message>
        <source>Arguments are not valid Convex JSON: %1</source>
        <translation>Die Argumente sind kein gültiges Convex-JSON: %1</translation>
    </message>
    <message>
        <source>Arguments are not valid JSON: %1</source>
        <translation>Die Argumente sind kein gültiges JSON: %1</translation>
    </message>
    <message>
        <source>Enter a function path, e.g. tasks:list</source>
        <translation>Geben Sie einen Funktionspfad ein, z. B. tasks:list</translation>
    </message>
    <message>
        <source>“%1” is not a function path (expected module:function, e.g. tasks:list)</source>
        <translation>„%1“ ist kein Funktionspfad (erwartet: Modul:Funktion, z. B. tasks:list)</translation>
    </message>
    <message>
        <source>Function error: %1</source>
        <translation>Funktionsfehler: %1</translation>
    </message>
    <message>
        <source>ConvexError data:</source>
        <translation>ConvexError-Daten:</translation>
    </message>
    <message>
        <source>Client error (the call may or may not have run): %1</source>
        <translation>Clientfehler (der Aufruf wurde möglicherweise ausgeführt): %1</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>live query %1</source>
        <translation>Live-Abfrage %1</translation>
    </message>
    <message>
        <source>mutation %1</source>
        <translation>Mutation %1</translation>
    </message>
    <message>
        <source>action %1</source>
        <translation>Aktion %1</translation>
    </message>
    <message>
        <source>unexpected &apos;%1&apos; — strings need double quotes</source>
        <translation>unerwartetes &apos;%1&apos; — Zeichenketten stehen in doppelten Anführungszeichen</translation>
    </message>
    <message>
        <source>a number is not written correctly</source>
        <translation>eine Zahl ist nicht richtig geschrieben</translation>
    </message>
</context>
<context>
    <name>qonvex::tasks::TasksController</name>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
</context>
<context>
    <name>qonvex::tasks::TasksModel</name>
    <message>
        <source>%1
Error: %2</source>
        <translation>%1
Fehler: %2</translation>
    </message>
    <message>
        <source>%1, done</source>
        <translation>%1, erledigt</translation>
    </message>
    <message>
        <source>%1, not done</source>
        <translation>%1, nicht erledigt</translation>
    </message>
    <message>
        <source>%1, deleted (undo possible)</source>
        <translation>%1, gelöscht (rückgängig machen möglich)</translation>
    </message>
    <message>
        <source>%1, saving</source>
        <translation>%1, wird gespeichert</translation>
    </message>
    <message>
        <source>%1, error: %2</source>
        <translation>%1, Fehler: %2</translation>
    </message>
</context>
<context>
    <name>qonvex::ui::AccountButton</name>
    <message>
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <source> (confirming…)</source>
        <translation> (wird bestätigt…)</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Nicht angemeldet</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>niemand</translation>
    </message>
    <message>
        <source>Account: %1</source>
        <translation>Konto: %1</translation>
    </message>
</context>
<context>
    <name>qonvex::ui::FunctionConsoleWidget</name>
    <message>
        <source>&amp;Run</source>
        <translation>A&amp;usführen</translation>
    </message>
    <message>
        <source>Function console</source>
        <translation>Funktionskonsole</translation>
    </message>
    <message>
        <source>Query (live)</source>
        <translation>Abfrage (live)</translation>
    </message>
    <message>
        <source>Mutation</source>
        <translation>Mutation</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Function kind</source>
        <translation>Funktionstyp</translation>
    </message>
    <message>
        <source>module:function, e.g. debug:echo</source>
        <translation>Modul:Funktion, z. B. debug:echo</translation>
    </message>
    <message>
        <source>Function path</source>
        <translation>Funktionspfad</translation>
    </message>
    <message>
        <source>Arguments (Convex JSON object)</source>
        <translation>Argumente (Convex-JSON-Objekt)</translation>
    </message>
    <message>
        <source>{&quot;value&quot;: {&quot;$integer&quot;: &quot;AQAAAAAAAAA=&quot;}}</source>
        <translation>{&quot;value&quot;: {&quot;$integer&quot;: &quot;AQAAAAAAAAA=&quot;}}</translation>
    </message>
    <message>
        <source>Arguments error</source>
        <translation>Fehler in den Argumenten</translation>
    </message>
    <message>
        <source>Run function</source>
        <translation>Funktion ausführen</translation>
    </message>
    <message>
        <source>Run (Ctrl+Return)</source>
        <translation>Ausführen (Strg+Return)</translation>
    </message>
    <message>
        <source>Stop live query</source>
        <translation>Live-Abfrage beenden</translation>
    </message>
    <message>
        <source>Call status</source>
        <translation>Aufrufstatus</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Log lines of this call</source>
        <translation>Protokollzeilen dieses Aufrufs</translation>
    </message>
    <message>
        <source>Server log of this connection</source>
        <translation>Serverprotokoll dieser Verbindung</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Typ:</translation>
    </message>
    <message>
        <source>&amp;Log lines of this call:</source>
        <translation>&amp;Protokollzeilen dieses Aufrufs:</translation>
    </message>
    <message>
        <source>Ser&amp;ver log (all functions on this connection):</source>
        <translation>&amp;Serverprotokoll (alle Funktionen dieser Verbindung):</translation>
    </message>
    <message>
        <source>Enter a function and press Run.</source>
        <translation>Geben Sie eine Funktion ein und klicken Sie auf „Ausführen“.</translation>
    </message>
    <message>
        <source>Running %1…</source>
        <translation>%1 wird ausgeführt…</translation>
    </message>
    <message numerus="yes">
        <source>%1: live, %n update(s)</source>
        <translation>
            <numerusform>%1: live, %n Aktualisierung</numerusform>
            <numerusform>%1: live, %n Aktualisierungen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: succeeded</source>
        <translation>%1: erfolgreich</translation>
    </message>
    <message>
        <source>%1: failed</source>
        <translation>%1: fehlgeschlagen</translation>
    </message>
    <message>
        <source>Sto&amp;p live query</source>
        <translation>Live-Abfrage &amp;beenden</translation>
    </message>
    <message>
        <source>F&amp;unction:</source>
        <translation>&amp;Funktion:</translation>
    </message>
    <message>
        <source>Ar&amp;guments:</source>
        <translation>A&amp;rgumente:</translation>
    </message>
    <message>
        <source>Re&amp;sult (Convex JSON):</source>
        <translation>&amp;Ergebnis (Convex-JSON):</translation>
    </message>
</context>
<context>
    <name>qonvex::ui::IdentityBadge</name>
    <message>
        <source>Signed-in user</source>
        <translation>Angemeldeter Benutzer</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>User email</source>
        <translation>E-Mail-Adresse des Benutzers</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Nicht angemeldet</translation>
    </message>
    <message>
        <source>The server does not see a signed-in user</source>
        <translation>Der Server erkennt keinen angemeldeten Benutzer</translation>
    </message>
    <message>
        <source>Identity unavailable</source>
        <translation>Identität nicht verfügbar</translation>
    </message>
    <message>
        <source>%1 &lt;%2&gt;</source>
        <translation>%1 &lt;%2&gt;</translation>
    </message>
</context>
<context>
    <name>qonvex::ui::InitialsAvatar</name>
    <message>
        <source>Avatar</source>
        <translation>Avatar</translation>
    </message>
    <message>
        <source>Initials %1</source>
        <translation>Initialen %1</translation>
    </message>
</context>
<context>
    <name>qonvex::ui::InlineError</name>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Error icon</source>
        <translation>Fehlersymbol</translation>
    </message>
    <message>
        <source>Error message</source>
        <translation>Fehlermeldung</translation>
    </message>
</context>
<context>
    <name>qonvex::ui::MainWindow</name>
    <message>
        <source>Restoring your session</source>
        <translation>Ihre Sitzung wird wiederhergestellt</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>Beschäftigt</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>&amp;Konto</translation>
    </message>
    <message>
        <source>Sign &amp;in</source>
        <translation>&amp;Anmelden</translation>
    </message>
    <message>
        <source>Sign in with your &amp;browser</source>
        <translation>Im &amp;Browser anmelden</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Ab&amp;melden</translation>
    </message>
    <message>
        <source>&amp;Retry now</source>
        <translation>&amp;Jetzt erneut versuchen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Qonvex</source>
        <translation>Ü&amp;ber Qonvex</translation>
    </message>
    <message>
        <source>About Qonvex</source>
        <translation>Über Qonvex</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Qonvex %1&lt;/h3&gt;&lt;p&gt;A native desktop client for apps built on Convex and Clerk.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Qonvex %1&lt;/h3&gt;&lt;p&gt;Ein nativer Desktop-Client für Apps, die auf Convex und Clerk aufbauen.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The connection settings need attention: %1</source>
        <translation>Die Verbindungseinstellungen müssen überprüft werden: %1</translation>
    </message>
    <message>
        <source>Qonvex is not set up yet. Open Settings and enter your Convex deployment URL and Clerk publishable key.</source>
        <translation>Qonvex ist noch nicht eingerichtet. Öffnen Sie die Einstellungen und geben Sie Ihre Convex-Deployment-URL und Ihren öffentlichen Clerk-Schlüssel ein.</translation>
    </message>
    <message>
        <source>Continue in your browser. Qonvex signs you in as soon as you are done there.</source>
        <translation>Fahren Sie in Ihrem Browser fort. Qonvex meldet Sie an, sobald Sie dort fertig sind.</translation>
    </message>
    <message>
        <source>Restoring your session…</source>
        <translation>Ihre Sitzung wird wiederhergestellt…</translation>
    </message>
    <message>
        <source>You are signed out.</source>
        <translation>Sie sind abgemeldet.</translation>
    </message>
    <message>
        <source>Not configured</source>
        <translation>Nicht eingerichtet</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>Abgemeldet</translation>
    </message>
    <message>
        <source>This sign-in link does not belong to the sign-in Qonvex started. Please try again.</source>
        <translation>Dieser Anmeldelink gehört nicht zu der von Qonvex gestarteten Anmeldung. Bitte versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The built-in sign-in window is not available (%1). Use “Sign in with your browser” instead.</source>
        <translation>Das integrierte Anmeldefenster ist nicht verfügbar (%1). Verwenden Sie stattdessen „Im Browser anmelden“.</translation>
    </message>
    <message>
        <source>Could not open your browser. Try “Sign in” instead.</source>
        <translation>Ihr Browser konnte nicht geöffnet werden. Versuchen Sie stattdessen „Anmelden“.</translation>
    </message>
    <message>
        <source>That sign-in link has expired or belongs to another sign-in. Please sign in again.</source>
        <translation>Dieser Anmeldelink ist abgelaufen oder gehört zu einer anderen Anmeldung. Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>Co&amp;nnection</source>
        <translation>&amp;Verbindung</translation>
    </message>
</context>
<context>
    <name>qonvex::ui::SettingsDialog</name>
    <message>
        <source>Show an icon in the system tray</source>
        <translation>Symbol im Infobereich anzeigen</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Which Convex deployment and Clerk instance Qonvex connects to. None of this is secret; your sign-in is kept in the system keychain.</source>
        <translation>Mit welchem Convex-Deployment und welcher Clerk-Instanz sich Qonvex verbindet. Nichts davon ist geheim; Ihre Anmeldung wird im Schlüsselbund des Systems gespeichert.</translation>
    </message>
    <message>
        <source>the command line</source>
        <translation>der Befehlszeile</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>Einstellungen speichern</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>This run uses %1 from %2.</source>
        <translation>Für diesen Start gilt %1 aus %2.</translation>
    </message>
</context>
<context>
    <name>qonvex::ui::SignInPage</name>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
</context>
<context>
    <name>qonvex::ui::SignInView</name>
    <message>
        <source>Connection not secure</source>
        <translation>Verbindung nicht sicher</translation>
    </message>
    <message>
        <source>The certificate of %1 is not valid, so sign-in was stopped.</source>
        <translation>Das Zertifikat von %1 ist ungültig, daher wurde die Anmeldung abgebrochen.</translation>
    </message>
    <message>
        <source>You are offline</source>
        <translation>Sie sind offline</translation>
    </message>
    <message>
        <source>Check your internet connection, then try again.</source>
        <translation>Prüfen Sie Ihre Internetverbindung und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>Cannot reach %1</source>
        <translation>%1 ist nicht erreichbar</translation>
    </message>
    <message>
        <source>The address could not be found.</source>
        <translation>Die Adresse wurde nicht gefunden.</translation>
    </message>
    <message>
        <source>Sign-in page unavailable</source>
        <translation>Anmeldeseite nicht verfügbar</translation>
    </message>
    <message>
        <source>%1 answered with HTTP status %2.</source>
        <translation>%1 hat mit HTTP-Status %2 geantwortet.</translation>
    </message>
    <message>
        <source>The sign-in server did not answer (%1).</source>
        <translation>Der Anmeldeserver hat nicht geantwortet (%1).</translation>
    </message>
</context>
<context>
    <name>qonvex::ui::StatusBanner</name>
    <message>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Stay signed in for this session only</source>
        <translation>Nur für diese Sitzung angemeldet bleiben</translation>
    </message>
    <message>
        <source>Connection problem</source>
        <translation>Verbindungsproblem</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>Jetzt erneut versuchen</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Sign-in problem</source>
        <translation>Anmeldeproblem</translation>
    </message>
    <message>
        <source>Connection stopped</source>
        <translation>Verbindung angehalten</translation>
    </message>
</context>
<context>
    <name>qonvex::ui::StatusIndicators</name>
    <message>
        <source>Connection indicator</source>
        <translation>Verbindungsanzeige</translation>
    </message>
    <message>
        <source>Connection: %1</source>
        <translation>Verbindung: %1</translation>
    </message>
    <message>
        <source>Account: %1</source>
        <translation>Konto: %1</translation>
    </message>
    <message>
        <source>No changes pending</source>
        <translation>Keine ausstehenden Änderungen</translation>
    </message>
</context>
<context>
    <name>qonvex::ui::StatusTrayIcon</name>
    <message>
        <source>Show Qonvex</source>
        <translation>Qonvex anzeigen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
</context>
<context>
    <name>qonvex::ui::TaskItemDelegate</name>
    <message>
        <source>%1 — deleted (Ctrl+Z to undo)</source>
        <translation>%1 — gelöscht (rückgängig mit Strg+Z)</translation>
    </message>
    <message>
        <source>%1 — saving…</source>
        <translation>%1 — wird gespeichert…</translation>
    </message>
    <message>
        <source>%1 — failed: %2 (Ctrl+R to retry)</source>
        <translation>%1 — fehlgeschlagen: %2 (erneut versuchen mit Strg+R)</translation>
    </message>
</context>
<context>
    <name>qonvex::ui::TasksWidget</name>
    <message>
        <source>Tasks</source>
        <translation>Aufgaben</translation>
    </message>
    <message>
        <source>New task — press Enter to add</source>
        <translation>Neue Aufgabe — mit der Eingabetaste hinzufügen</translation>
    </message>
    <message>
        <source>New task</source>
        <translation>Neue Aufgabe</translation>
    </message>
    <message>
        <source>Type a task and press Enter to add it</source>
        <translation>Geben Sie eine Aufgabe ein und drücken Sie die Eingabetaste, um sie hinzuzufügen</translation>
    </message>
    <message>
        <source>Task input error</source>
        <translation>Fehler bei der Aufgabeneingabe</translation>
    </message>
    <message>
        <source>Task list status</source>
        <translation>Status der Aufgabenliste</translation>
    </message>
    <message>
        <source>Task list</source>
        <translation>Aufgabenliste</translation>
    </message>
    <message>
        <source>Space toggles done, Delete deletes, Ctrl+Z undoes a delete, Ctrl+R retries</source>
        <translation>Leertaste: erledigt umschalten, Entf: löschen, Strg+Z: Löschen rückgängig machen, Strg+R: erneut versuchen</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Delete task</source>
        <translation>Aufgabe löschen</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Erneut versuchen</translation>
    </message>
    <message>
        <source>Retry failed write</source>
        <translation>Fehlgeschlagene Änderung erneut versuchen</translation>
    </message>
    <message>
        <source>Di&amp;smiss</source>
        <translation>Ver&amp;werfen</translation>
    </message>
    <message>
        <source>Dismiss failed write</source>
        <translation>Fehlgeschlagene Änderung verwerfen</translation>
    </message>
    <message>
        <source>Undo status</source>
        <translation>Hinweis zum Rückgängigmachen</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>Undo delete</source>
        <translation>Löschen rückgängig machen</translation>
    </message>
    <message>
        <source>Deleted “%1”.</source>
        <translation>„%1“ gelöscht.</translation>
    </message>
    <message>
        <source>Could not add the task: %1</source>
        <translation>Die Aufgabe konnte nicht hinzugefügt werden: %1</translation>
    </message>
    <message>
        <source>Could not load tasks: %1</source>
        <translation>Die Aufgaben konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Loading tasks…</source>
        <translation>Aufgaben werden geladen…</translation>
    </message>
    <message>
        <source>No tasks yet. Type one above and press Enter.</source>
        <translation>Noch keine Aufgaben. Geben Sie oben eine ein und drücken Sie die Eingabetaste.</translation>
    </message>
</context>
<context>
    <name>qonvex::ui::WebEngineSignInView</name>
    <message>
        <source>Sign in with your browser instead</source>
        <translation>Stattdessen im Browser anmelden</translation>
    </message>
    <message>
        <source>Cancel sign-in</source>
        <translation>Anmeldung abbrechen</translation>
    </message>
    <message>
        <source>Cancel sign-in and go back (Esc)</source>
        <translation>Anmeldung abbrechen und zurückgehen (Esc)</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>The sign-in page has not been opened yet.</source>
        <translation>Die Anmeldeseite wurde noch nicht geöffnet.</translation>
    </message>
    <message>
        <source>The sign-in page stopped</source>
        <translation>Die Anmeldeseite wurde beendet</translation>
    </message>
    <message>
        <source>The page stopped unexpectedly.</source>
        <translation>Die Seite wurde unerwartet beendet.</translation>
    </message>
    <message>
        <source>Sign-in is not set up correctly</source>
        <translation>Die Anmeldung ist nicht richtig eingerichtet</translation>
    </message>
    <message>
        <source>Loading sign-in…</source>
        <translation>Anmeldung wird geladen…</translation>
    </message>
    <message>
        <source>Connecting to %1</source>
        <translation>Verbindung mit %1 wird hergestellt</translation>
    </message>
    <message>
        <source>Sign-in cancelled</source>
        <translation>Anmeldung abgebrochen</translation>
    </message>
    <message>
        <source>You can start again at any time.</source>
        <translation>Sie können jederzeit neu beginnen.</translation>
    </message>
    <message>
        <source>Start again</source>
        <translation>Neu beginnen</translation>
    </message>
    <message>
        <source>Sign-in could not be completed</source>
        <translation>Die Anmeldung konnte nicht abgeschlossen werden</translation>
    </message>
    <message>
        <source>Connection not secure</source>
        <translation>Verbindung nicht sicher</translation>
    </message>
    <message>
        <source>The certificate of %1 is not valid, so sign-in was stopped.</source>
        <translation>Das Zertifikat von %1 ist ungültig, daher wurde die Anmeldung abgebrochen.</translation>
    </message>
    <message>
        <source>Completing sign-in</source>
        <translation>Anmeldung wird abgeschlossen</translation>
    </message>
    <message>
        <source>Checking the answer from the sign-in page…</source>
        <translation>Die Antwort der Anmeldeseite wird geprüft…</translation>
    </message>
    <message>
        <source>Sign-in stopped</source>
        <translation>Anmeldung gestoppt</translation>
    </message>
    <message>
        <source>The sign-in page tried to go somewhere it may not (%1).</source>
        <translation>Die Anmeldeseite wollte eine nicht erlaubte Adresse öffnen (%1).</translation>
    </message>
    <message>
        <source>Continue in your browser</source>
        <translation>Im Browser fortfahren</translation>
    </message>
    <message>
        <source>This sign-in provider does not allow signing in inside apps. Finish in your browser; Qonvex continues by itself when you are done.</source>
        <translation>Dieser Anmeldeanbieter erlaubt keine Anmeldung innerhalb von Apps. Schließen Sie die Anmeldung in Ihrem Browser ab; Qonvex fährt danach von selbst fort.</translation>
    </message>
    <message>
        <source>Finish signing in in your browser; Qonvex continues by itself when you are done.</source>
        <translation>Schließen Sie die Anmeldung in Ihrem Browser ab; Qonvex fährt danach von selbst fort.</translation>
    </message>
    <message>
        <source>Sign in here instead</source>
        <translation>Stattdessen hier anmelden</translation>
    </message>
    <message>
        <source>Secure connection to %1</source>
        <translation>Sichere Verbindung mit %1</translation>
    </message>
    <message>
        <source>Local connection to %1</source>
        <translation>Lokale Verbindung mit %1</translation>
    </message>
    <message>
        <source>Loading the sign-in page</source>
        <translation>Anmeldeseite wird geladen</translation>
    </message>
    <message>
        <source>Sign-in page</source>
        <translation>Anmeldeseite</translation>
    </message>
</context>
<context>
    <name>qonvex::ui::WelcomePage</name>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Sign in with your browser</source>
        <translation>Im Browser anmelden</translation>
    </message>
    <message>
        <source>Stay signed in for this session only</source>
        <translation>Nur für diese Sitzung angemeldet bleiben</translation>
    </message>
    <message>
        <source>Open Settings…</source>
        <translation>Einstellungen öffnen…</translation>
    </message>
    <message>
        <source>Cancel sign-in</source>
        <translation>Anmeldung abbrechen</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>Willkommen</translation>
    </message>
    <message>
        <source>Qonvex logo</source>
        <translation>Qonvex-Logo</translation>
    </message>
    <message>
        <source>Welcome to Qonvex</source>
        <translation>Willkommen bei Qonvex</translation>
    </message>
    <message>
        <source>Qonvex is a desktop client for your Convex app. Your tasks stay in sync live across every device, and changes you make offline are sent as soon as you are back online.

Sign in with your account to continue.</source>
        <translation>Qonvex ist ein Desktop-Client für Ihre Convex-App. Ihre Aufgaben bleiben auf allen Geräten live synchron, und Änderungen, die Sie offline vornehmen, werden gesendet, sobald Sie wieder online sind.

Melden Sie sich mit Ihrem Konto an, um fortzufahren.</translation>
    </message>
    <message>
        <source>Open Settings</source>
        <translation>Einstellungen öffnen</translation>
    </message>
    <message>
        <source>Connects to %1</source>
        <translation>Verbindet mit %1</translation>
    </message>
</context>
<context>
    <name>qonvex::ui::Workspace</name>
    <message>
        <source>Workspace</source>
        <translation>Arbeitsbereich</translation>
    </message>
    <message>
        <source>The task list</source>
        <translation>Die Aufgabenliste</translation>
    </message>
    <message>
        <source>&amp;Tasks</source>
        <translation>&amp;Aufgaben</translation>
    </message>
    <message>
        <source>Function console</source>
        <translation>Funktionskonsole</translation>
    </message>
    <message>
        <source>&amp;Console</source>
        <translation>K&amp;onsole</translation>
    </message>
    <message>
        <source>The function console</source>
        <translation>Die Funktionskonsole</translation>
    </message>
    <message>
        <source>Workspace tabs</source>
        <translation>Reiter des Arbeitsbereichs</translation>
    </message>
</context>
</TS>
