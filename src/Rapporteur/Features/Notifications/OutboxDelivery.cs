using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Data;

namespace Rapporteur.Features.Notifications;

/// <summary>SMTP settings (section "Smtp"); delivery is off while <see cref="Host"/> is empty.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public string From { get; set; } = "rapporteur@localhost";
    public bool EnableSsl { get; set; }
    public TimeSpan Every { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Background work: queues due reminders, then (when SMTP is configured) sends what waits in the outbox, marking each
/// message sent or recording its error. Runs every <see cref="SmtpOptions.Every"/>.
/// </summary>
public sealed partial class OutboxDelivery(IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<SmtpOptions> options, TimeProvider clock,
    ILogger<OutboxDelivery> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Every, clock);
        try
        {
            do
            {
                try
                {
                    await RunOnceAsync(stoppingToken);
                }
                catch (Exception e) when (e is DbUpdateException or SmtpException or InvalidOperationException)
                {
                    // While the host stops, its services go away under the run (ObjectDisposedException): not a failure.
                    if (stoppingToken.IsCancellationRequested) return;
                    LogFailed(log, e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping, or was disposed without a stop (test hosts are): the normal end of the loop. Left to
            // escape, the cancellation is logged by the host as a critical failure of the service.
        }
    }

    public async Task RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var queued = await scope.ServiceProvider.GetRequiredService<Reminders>().QueueDueAsync(ct);
        if (queued > 0) LogQueued(log, queued);
        var smtp = options.Value;
        if (string.IsNullOrWhiteSpace(smtp.Host)) return;
        var db = scope.ServiceProvider.GetRequiredService<RapporteurDbContext>();
        using var client = new SmtpClient(smtp.Host, smtp.Port) { EnableSsl = smtp.EnableSsl };
        foreach (var message in await db.Outbox.Where(m => m.SentAt == null).OrderBy(m => m.Id).Take(100).ToListAsync(ct))
        {
            try
            {
                using var mail = new MailMessage(smtp.From, message.To, message.Subject, message.Body);
                await client.SendMailAsync(mail, ct);
                message.SentAt = clock.GetUtcNow();
                message.Error = null;
            }
            catch (SmtpException e)
            {
                message.Error = e.Message;
            }
            await db.SaveChangesAsync(ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued {Count} reminders")]
    private static partial void LogQueued(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox run failed; it will be retried")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
