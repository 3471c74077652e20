namespace Omnichannel.Hub.Operators;

/// <summary>What the hub prints when it has started with the demo on, after the URLs (SiteExtensions): who can do what, and the first steps for a site owner.</summary>
public static class FirstSteps
{
    public static string Banner(DemoOptions demo, string password, string url) => $"""

        Demo logins (Demo:Enabled is on; password {password}):
          operator    {demo.OperatorEmail,-26} answers conversations in the inbox
          supervisor  {demo.SupervisorEmail,-26} + SLA board, monitor, whisper, take over, move, set away
          admin       {demo.AdminEmail,-26} + people, teams, routing rules, SLA and opening hours, audit log

        First steps:
          1. Log in at {url}/console as the operator (that makes someone available, so the widget offers chat).
          2. Open the demo shop at {url}/ and write in the chat; answer it in the console.
          3. Put the widget on your shop: <script src="{url}/widget.js" async></script>, and list your shop's origin in the Widget settings.
          4. Connect a channel (WhatsApp/SMS, Messenger, Telegram, email): docs/channels.md and docs/email.md.
          5. As the admin, add your people and teams, and set SLA targets and opening hours under Admin in the console.

        """;
}
