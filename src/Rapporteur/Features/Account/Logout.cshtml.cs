using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Audit;

namespace Rapporteur.Features.Account;

/// <summary>Sign-out; audited like sign-in.</summary>
public sealed class LogoutModel(SignInManager<User> signIn, RapporteurDbContext db, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            AuditLog.Record(db, clock, User, "signout", User.Identity.Name ?? "");
            await db.SaveChangesAsync(HttpContext.RequestAborted);
        }
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }
}
