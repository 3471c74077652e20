using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Omnichannel.Adapters.Email;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Scheduling;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Reports.Weekly;

/// <summary>
/// On the hub's <see cref="Scheduler"/>: when last week's summary is due, one row per admin is written (unique, so
/// several processes write it once), each claimed (conditional update) and sent through the first mailbox's SMTP
/// server, then marked sent. A failed send is tried again at the next run; a restart finds the rows where it left off.
/// </summary>
public sealed class WeeklySummaryWork(IServiceScopeFactory scopes, TimeProvider time, IOptions<WeeklySummaryOptions> options,
    IOptions<EmailOptions> email, ILogger<WeeklySummaryWork> logger) : IDueWork
{
    public static readonly TimeSpan Claim = TimeSpan.FromMinutes(5);

    public string Name => "weekly-summary";

    public TimeSpan Interval => TimeSpan.FromMinutes(15);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled || email.Value.Mailboxes.FirstOrDefault() is not { } mailbox)
            return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var zone = scope.ServiceProvider.GetRequiredService<OpeningHours>().Zone;
        var now = time.GetUtcNow().UtcDateTime;
        var week = WeeklySummaryText.DueWeek(TimeZoneInfo.ConvertTimeFromUtc(now, zone), options.Value.SendAfter);
        await WriteRowsAsync(db, week, cancellationToken);
        var pending = await db.Set<WeeklySummarySend>().AsNoTracking().Where(s => s.Week == week && s.SentAt == null && s.Attempts < 10).ToListAsync(cancellationToken);
        if (pending.Count == 0)
            return;
        var from = TimeZoneInfo.ConvertTimeToUtc(week.ToDateTime(TimeOnly.MinValue), zone);
        var to = TimeZoneInfo.ConvertTimeToUtc(week.AddDays(7).ToDateTime(TimeOnly.MinValue), zone);
        var filter = new ReportFilter(from, to, null, null);
        var reports = scope.ServiceProvider.GetRequiredService<ReportQueries>();
        var body = WeeklySummaryText.Body(week, await reports.VolumeAsync(filter, cancellationToken), await reports.AttainmentAsync(filter, cancellationToken),
            await reports.ResponseTimesAsync(filter, cancellationToken), await reports.BreachesAsync(filter, cancellationToken), await reports.TurnedAwayAsync(filter, cancellationToken));
        foreach (var send in pending)
        {
            var claimed = await db.Set<WeeklySummarySend>()
                .Where(s => s.Id == send.Id && s.SentAt == null && (s.ClaimedUntil == null || s.ClaimedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.ClaimedUntil, now + Claim).SetProperty(x => x.Attempts, x => x.Attempts + 1), cancellationToken);
            if (claimed == 0)
                continue;
            var error = await SendAsync(mailbox, send.Email, WeeklySummaryText.Subject(week), body, cancellationToken);
            await db.Set<WeeklySummarySend>().Where(s => s.Id == send.Id).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.SentAt, error == null ? now : null)
                .SetProperty(x => x.ClaimedUntil, (DateTime?)null)
                .SetProperty(x => x.LastError, error), cancellationToken);
        }
    }

    private static async Task WriteRowsAsync(OmnichannelDb db, DateOnly week, CancellationToken cancellationToken)
    {
        var admins = await db.Operators.AsNoTracking().Where(o => o.Role == Roles.Admin && !o.Disabled && o.Email != "")
            .Where(o => !db.Set<WeeklySummarySend>().Any(s => s.Week == week && s.OperatorId == o.Id))
            .Select(o => new { o.Id, o.Email }).ToListAsync(cancellationToken);
        foreach (var admin in admins)
        {
            db.Add(new WeeklySummarySend { Week = week, OperatorId = admin.Id, Email = admin.Email });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another hub process wrote it first.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<string?> SendAsync(EmailMailboxOptions mailbox, string to, string subject, string body, CancellationToken cancellationToken)
    {
        var mime = new MimeMessage { Subject = subject, Body = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = body }, Date = time.GetUtcNow() };
        mime.From.Add(new MailboxAddress(mailbox.DisplayName ?? "", mailbox.Address));
        try
        {
            mime.To.Add(MailboxAddress.Parse(to));
            using var smtp = new SmtpClient();
            var security = mailbox.Smtp.Security switch
            {
                EmailSecurity.None => SecureSocketOptions.None,
                EmailSecurity.Tls => SecureSocketOptions.SslOnConnect,
                EmailSecurity.StartTls => SecureSocketOptions.StartTls,
                _ => SecureSocketOptions.Auto,
            };
            await smtp.ConnectAsync(mailbox.Smtp.Host, mailbox.Smtp.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(mailbox.Smtp.User))
                await smtp.AuthenticateAsync(mailbox.Smtp.User, mailbox.Smtp.Password ?? "", cancellationToken);
            await smtp.SendAsync(mime, cancellationToken);
            await smtp.DisconnectAsync(quit: true, cancellationToken);
            return null;
        }
        catch (Exception ex) when (ex is MailKit.CommandException or MailKit.ProtocolException or ParseException or System.Net.Sockets.SocketException
                                       or IOException or AuthenticationException or TimeoutException or MailKit.ServiceNotConnectedException)
        {
            logger.LogWarning(ex, "The weekly summary to an admin could not be sent; it is tried again at the next run");
            return ex.Message.Length > 500 ? ex.Message[..500] : ex.Message;
        }
    }
}
