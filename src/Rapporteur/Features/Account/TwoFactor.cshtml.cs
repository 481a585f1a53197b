using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Audit;
using Rapporteur.Features.Languages;

namespace Rapporteur.Features.Account;

/// <summary>The second sign-in step for accounts with an authenticator: a TOTP code (RFC 6238) or a recovery code.
/// Open by design: the short-lived two-factor cookie set by the password step names the account.</summary>
public sealed class TwoFactorModel(SignInManager<User> signIn, RapporteurDbContext db, TimeProvider clock) : PageModel
{
    public string? Error { get; private set; }
    public string ReturnUrl { get; private set; } = "/";

    public async Task<IActionResult> OnGetAsync(string? returnUrl)
    {
        ReturnUrl = Local(returnUrl);
        return await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/Login") : Page();
    }

    // The code is read from the form, not bound as a handler argument: MVC logs handler arguments (at Trace level).
    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        ReturnUrl = Local(returnUrl);
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return RedirectToPage("/Account/Login");
        var code = new string(Request.Form["code"].ToString().Where(c => !char.IsWhiteSpace(c)).ToArray());
        var result = code.Length == 6 && code.All(char.IsAsciiDigit)
            ? await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        AuditLog.Record(db, clock, null, result.Succeeded ? "signin.2fa" : "signin.2fa.failed", $"{user.Email}{(result.IsLockedOut ? " (locked out)" : "")}");
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        if (result.Succeeded) return LocalRedirect(ReturnUrl);
        Error = result.IsLockedOut ? Say.Text("Too many failed attempts: this account is locked for 15 minutes.") : Say.Text("That code is not right (or was already used).");
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }

    private string Local(string? url) => url is not null && Url.IsLocalUrl(url) ? url : "/";
}
