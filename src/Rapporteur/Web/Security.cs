using Rapporteur.Features.Languages;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Rapporteur.Data;
using Rapporteur.Data.Entities;

namespace Rapporteur.Web;

/// <summary>Policies by role, and who may see or change what. Every page and endpoint names one of these.</summary>
public static class Policies
{
    /// <summary>Administrators: users and roles.</summary>
    public const string Administer = "Administer";

    /// <summary>The Secretariat (and administrators): rounds, factsheets, moderation, clarification notes.</summary>
    public const string Secretariat = "Secretariat";

    /// <summary>Secretariat, rapporteurs and Committee members: analysis, reports, assessments; they see all drafts.</summary>
    public const string Staff = "Staff";

    /// <summary>A Party's focal point: its own reply and its own follow-up boxes.</summary>
    public const string FocalPoint = "FocalPoint";

    /// <summary>Civil-society organisations: comments.</summary>
    public const string CivilSociety = "CivilSociety";

    /// <summary>Anyone signed in.</summary>
    public const string SignedIn = "SignedIn";
}

/// <summary>Identity, cookies and the authorization policies, shared by the web app and the CLI's <c>user</c> command.</summary>
public static class Security
{
    private const string Scheme = "CookieOrBearer";

    /// <summary>The claim that carries a focal point's Party id.</summary>
    public const string PartyClaim = "rapporteur:party";

    /// <summary>Identity on the EF store: password rules, lockout after failed sign-ins.</summary>
    public static IdentityBuilder AddRapporteurIdentityCore(this IServiceCollection services) =>
        services.AddIdentityCore<User>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<RapporteurDbContext>()
            .AddDefaultTokenProviders();

    public static void AddRapporteurSecurity(this IServiceCollection services)
    {
        // One scheme that forwards: a personal access token (rap_…) or a bearer token when the request carries one
        // (scripts), else the cookie (people).
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Cookie or bearer token", o => o.ForwardDefaultSelector = c =>
                c.Request.Headers.Authorization.ToString() switch
                {
                    var h when h.StartsWith("Bearer " + Rapporteur.Features.Account.ApiTokens.Prefix, StringComparison.Ordinal) => Rapporteur.Features.Account.ApiTokenHandler.SchemeName,
                    var h when h.StartsWith("Bearer ", StringComparison.Ordinal) => IdentityConstants.BearerScheme,
                    _ => IdentityConstants.ApplicationScheme,
                })
            .AddScheme<AuthenticationSchemeOptions, Rapporteur.Features.Account.ApiTokenHandler>(Rapporteur.Features.Account.ApiTokenHandler.SchemeName, null)
            .AddCookie(IdentityConstants.ApplicationScheme, o =>
            {
                o.LoginPath = "/account/login";
                o.LogoutPath = "/account/logout";
                o.AccessDeniedPath = "/account/denied";
                o.Cookie.Name = "rapporteur";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                // The API answers 401/403; only people in a browser are sent to the sign-in page.
                o.Events.OnRedirectToLogin = c => Deny(c, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = c => Deny(c, StatusCodes.Status403Forbidden);
            })
            // Between the password and the authenticator code (Account/TwoFactor): names the user for five minutes.
            .AddCookie(IdentityConstants.TwoFactorUserIdScheme, o =>
            {
                o.Cookie.Name = "rapporteur.2fa";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(1));
        services.AddScoped<Rapporteur.Features.Account.ApiTokens>();
        services.AddRapporteurIdentityCore()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<PartyClaimsFactory>();

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Administer, p => p.RequireRole(Roles.Administrator))
            .AddPolicy(Policies.Secretariat, p => p.RequireRole(Roles.Administrator, Roles.Secretariat))
            .AddPolicy(Policies.Staff, p => p.RequireRole([.. Roles.Staff]))
            .AddPolicy(Policies.FocalPoint, p => p.RequireRole(Roles.FocalPoint).RequireClaim(PartyClaim))
            .AddPolicy(Policies.CivilSociety, p => p.RequireRole(Roles.CivilSociety))
            .AddPolicy(Policies.SignedIn, p => p.RequireAuthenticatedUser());
    }

    /// <summary>A request that sends a bearer token (a personal access token <c>rap_…</c> or one from
    /// <c>POST /api/v1/auth/token</c>) that is malformed, unknown, revoked or expired gets 401 with ProblemDetails, even
    /// where anonymous callers may read: a script with a wrong token learns it at once instead of quietly getting the
    /// public view (RFC 6750, <c>invalid_token</c>). Cookies are not held to this: a browser's stale cookie still reads.</summary>
    public static async Task RefuseInvalidBearerTokens(HttpContext context, Func<Task> next)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.Ordinal) && context.User.Identity?.IsAuthenticated != true)
        {
            // The handler's result of this request is cached: this asks the database nothing more.
            var result = await context.AuthenticateAsync();
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            await Results.Problem(title: "Invalid token",
                detail: (result.Failure?.Message is { Length: > 0 } why ? why + " " : "The bearer token is not valid. ")
                    + "Send a valid token, or no Authorization header to read what is public.",
                statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);
            return;
        }
        await next();
    }

    /// <summary>No API operation that changes something runs for an anonymous caller, whatever its body or route:
    /// refused here, before model binding.</summary>
    public static async Task RefuseAnonymousWrites(HttpContext context, Func<Task> next)
    {
        var method = context.Request.Method;
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
            && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && !HttpMethods.IsOptions(method)
            && !context.Request.Path.Equals("/api/v1/auth/token", StringComparison.Ordinal)
            && context.User.Identity?.IsAuthenticated != true)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await Results.Problem(title: Say.Text("Sign-in required"), detail: Say.Text("Changing data needs a signed-in user or a bearer token from POST /api/v1/auth/token."),
                statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);
            return;
        }
        await next();
    }

    /// <summary>The Party a focal point acts for, or null.</summary>
    public static int? PartyId(this ClaimsPrincipal user) =>
        user.FindFirst(PartyClaim)?.Value is { } v && int.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>Staff see every Party's drafts.</summary>
    public static bool IsStaff(this ClaimsPrincipal user) => Roles.Staff.Any(user.IsInRole);

    private static Task Deny(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        }
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}

/// <summary>Adds the focal point's Party and the display name to the sign-in principal.</summary>
internal sealed class PartyClaimsFactory(UserManager<User> users, RoleManager<IdentityRole> roles, Microsoft.Extensions.Options.IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<User, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(User user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.PartyId is { } party) identity.AddClaim(new Claim(Security.PartyClaim, party.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (user.DisplayName.Length > 0) identity.AddClaim(new Claim(ClaimTypes.GivenName, user.DisplayName));
        return identity;
    }
}
