<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AppSettings</name>
    <message>
        <source>Convex deployment URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clerk publishable key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clerk Frontend API URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JWT template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Convex deployment URL is not set (e.g. https://happy-animal-123.convex.cloud).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the Clerk publishable key (pk_test_… or pk_live_…) or the Clerk Frontend API URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Clerk publishable key is not valid (%1). Copy it from the Clerk dashboard: API Keys → Publishable key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The JWT template name may use only letters, digits, &apos;-&apos; and &apos;_&apos; (up to 64).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AppStatus</name>
    <message>
        <source>%1 s</source>
        <comment>seconds</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection was lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server stopped answering</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it sent a message Qonvex cannot read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it sent a message too large to accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not configured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to the server was closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server ended the connection: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are offline. Changes you make are kept and sent when the network is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnecting in %1 (attempt %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnecting… (attempt %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the server. Your data stays on screen; changes are sent once it is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot connect to the server. Your data stays on screen; changes are sent once it is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the server (%1). Your data stays on screen; changes are sent once it is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot connect to the server (%1). Your data stays on screen; changes are sent once it is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keychain unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the sign-in service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (this session only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not confirmed by the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not accept your sign-in: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirming sign-in as %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as %1%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 change pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 changes pending</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>%1 goes here.
(%2 is not part of this build yet.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (not available)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional: https://clerk.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>convex (empty: Clerk session token)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qonvex::app::SessionController</name>
    <message>
        <source>Sign-in did not produce a session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring your session…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain is not available (%1). You can stay signed in for this session only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach Clerk to restore your session (%1); retrying…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for you to sign in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your session has ended. Please sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your session was revoked. Please sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your session expired. Please sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain refused to store your sign-in (%1). You can stay signed in for this session only.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qonvex::console::FunctionConsoleController</name>
    <message>
        <source>an object is not closed with }, or a field name is not in double quotes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a &apos;:&apos; is missing after a field name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an array is not closed with ]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a &apos;,&apos; is missing between two values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a value is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the text ends too early (a closing } or ] is missing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a string is not closed with &quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is more text after the object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arguments must be a JSON object, e.g. {&quot;value&quot;: 1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arguments are not valid JSON: %1 (at character %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arguments are not valid Convex JSON: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arguments are not valid JSON: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a function path, e.g. tasks:list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a function path (expected module:function, e.g. tasks:list)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Function error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ConvexError data:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client error (the call may or may not have run): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>live query %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mutation %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>action %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qonvex::tasks::TasksController</name>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qonvex::tasks::TasksModel</name>
    <message>
        <source>%1
Error: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, not done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, deleted (undo possible)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, saving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, error: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qonvex::ui::AccountButton</name>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (confirming…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nobody</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qonvex::ui::FunctionConsoleWidget</name>
    <message>
        <source>&amp;Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top live query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Function console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Query (live)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mutation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Function kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>module:function, e.g. debug:echo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Function path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arguments (Convex JSON object)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{&quot;value&quot;: {&quot;$integer&quot;: &quot;AQAAAAAAAAA=&quot;}}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arguments error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run function</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run (Ctrl+Return)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop live query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log lines of this call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server log of this connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Function:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Arguments:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Res&amp;ult (Convex JSON):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Log lines of this call:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ser&amp;ver log (all functions on this connection):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a function and press Run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: live, %n update(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1: succeeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qonvex::ui::IdentityBadge</name>
    <message>
        <source>Signed-in user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server does not see a signed-in user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identity unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 &lt;%2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qonvex::ui::InitialsAvatar</name>
    <message>
        <source>Avatar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Initials %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qonvex::ui::InlineError</name>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error icon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qonvex::ui::MainWindow</name>
    <message>
        <source>Restoring your session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in with your &amp;browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retry now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Qonvex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Qonvex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Qonvex %1&lt;/h3&gt;&lt;p&gt;A native desktop client for apps built on Convex and Clerk.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection settings need attention: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qonvex is not set up yet. Open Settings and enter your Convex deployment URL and Clerk publishable key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue in your browser. Qonvex signs you in as soon as you are done there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring your session…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are signed out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not configured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This sign-in link does not belong to the sign-in Qonvex started. Please try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The built-in sign-in window is not available (%1). Use “Sign in with your browser” instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not open your browser. Try “Sign in” instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That sign-in link has expired or belongs to another sign-in. Please sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qonvex::ui::SettingsDialog</name>
    <message>
        <source>Show an icon in the system tray</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qonvex Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which Convex deployment and Clerk instance Qonvex connects to. None of this is secret; your sign-in is kept in the system keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the command line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This run uses the value from %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qonvex::ui::SignInPage</name>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qonvex::ui::SignInView</name>
    <message>
        <source>Connection not secure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate of %1 is not valid, so sign-in was stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check your internet connection, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address could not be found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in page unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered with HTTP status %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in server did not answer (%1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qonvex::ui::StatusBanner</name>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stay signed in for this session only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qonvex::ui::StatusIndicators</name>
    <message>
        <source>Connection indicator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No changes pending</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qonvex::ui::StatusTrayIcon</name>
    <message>
        <source>Show Qonvex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qonvex::ui::TaskItemDelegate</name>
    <message>
        <source>%1 — deleted (Ctrl+Z to undo)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — failed: %2 (Ctrl+R to retry)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qonvex::ui::TasksWidget</name>
    <message>
        <source>Tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New task — press Enter to add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a task and press Enter to add it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task input error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task list status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Space toggles done, Delete deletes, Ctrl+Z undoes a delete, Ctrl+R retries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry failed write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Di&amp;smiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss failed write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not add the task: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load tasks: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading tasks…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No tasks yet. Type one above and press Enter.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qonvex::ui::WebEngineSignInView</name>
    <message>
        <source>Sign in with your browser instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel sign-in and go back (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in page has not been opened yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in page stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The page stopped unexpectedly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in is not set up correctly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading sign-in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can start again at any time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in could not be completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection not secure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate of %1 is not valid, so sign-in was stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completing sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the answer from the sign-in page…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in page tried to go somewhere it may not (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue in your browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This sign-in provider does not allow signing in inside apps. Finish in your browser; Qonvex continues by itself when you are done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish signing in in your browser; Qonvex continues by itself when you are done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in here instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secure connection to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local connection to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qonvex::ui::WelcomePage</name>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in with your browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stay signed in for this session only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qonvex logo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome to Qonvex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qonvex is a desktop client for your Convex app. Your tasks stay in sync live across every device, and changes you make offline are sent as soon as you are back online.

Sign in with your account to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connects to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qonvex::ui::Workspace</name>
    <message>
        <source>Workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The task list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Function console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The function console</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
