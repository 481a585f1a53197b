using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Audit;
using Rapporteur.Features.Languages;

namespace Rapporteur.Features.Account;

/// <summary>Sign-in with e-mail and password; five failures lock the account for 15 minutes. Every attempt is audited.</summary>
public sealed class LoginModel(SignInManager<User> signIn, RapporteurDbContext db, TimeProvider clock) : PageModel
{
    public string? Error { get; private set; }
    public string? Email { get; private set; }
    public string ReturnUrl { get; private set; } = "/";

    public void OnGet(string? returnUrl) => ReturnUrl = Local(returnUrl);

    // The password is read from the form, not bound as a handler argument: MVC logs handler arguments (at Trace level).
    public async Task<IActionResult> OnPostAsync(string email, string? returnUrl)
    {
        var password = Request.Form["password"].ToString();
        Email = email;
        ReturnUrl = Local(returnUrl);
        var result = await signIn.PasswordSignInAsync(email ?? "", password ?? "", isPersistent: false, lockoutOnFailure: true);
        AuditLog.Record(db, clock, null, result.Succeeded ? "signin" : result.RequiresTwoFactor ? "signin.password" : "signin.failed", $"{email}{(result.IsLockedOut ? " (locked out)" : "")}");
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        if (result.Succeeded) return LocalRedirect(ReturnUrl);
        // The password was right; the authenticator code comes next (TwoFactor page).
        if (result.RequiresTwoFactor) return RedirectToPage("/Account/TwoFactor", new { returnUrl = ReturnUrl });
        Error = result.IsLockedOut
            ? Say.Text("Too many failed attempts: this account is locked for 15 minutes.")
            : Say.Text("The e-mail or the password is not right.");
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }

    private string Local(string? url) => url is not null && Url.IsLocalUrl(url) ? url : "/";
}
