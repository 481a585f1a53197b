using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Notifications;
using Rapporteur.Web;
using Rapporteur.Features.Languages;

namespace Rapporteur.Features.Admin;

/// <summary>The outbox: every reminder and notification, sent or waiting, with delivery errors.</summary>
[Authorize(Policy = Policies.Secretariat)]
public sealed class OutboxModel(RapporteurDbContext db, Reminders reminders, Microsoft.Extensions.Options.IOptions<SmtpOptions> smtp) : PageModel
{
    public IReadOnlyList<OutboxMessage> Messages { get; private set; } = [];
    public bool Delivering => !string.IsNullOrWhiteSpace(smtp.Value.Host);
    public string? Message { get; private set; }

    public async Task OnGetAsync(string? queued, CancellationToken ct)
    {
        Messages = await db.Outbox.OrderByDescending(m => m.Id).Take(500).ToListAsync(ct);
        if (queued is not null) Message = Say.Format("{0} reminders queued.", queued);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var queued = await reminders.QueueDueAsync(ct);
        return RedirectToPage(new { queued });
    }
}
