using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace Rapporteur.Features.Languages;

/// <summary>The Council of Europe's two working languages for the interface: the culture comes from <c>?culture=</c>
/// (which the header's language link sets and a cookie then keeps), the cookie, then the browser's Accept-Language;
/// English otherwise.</summary>
public static class Languages
{
    public const string English = "en";
    public const string French = "fr";

    public static IReadOnlyList<string> Supported { get; } = [English, French];

    public static IServiceCollection AddRapporteurLanguages(this IServiceCollection services)
    {
        services.AddLocalization();
        // French (and Party names in any script) as characters, not &#xE9; entities: readable source, and what the
        // browser shows either way.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = Supported.Select(c => new CultureInfo(c)).ToList();
            o.DefaultRequestCulture = new RequestCulture(English);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            // Query string, then cookie, then Accept-Language: the default order, kept explicit.
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        // The ProblemDetails the framework writes itself (status code pages, 401/403 of the API): their standard
        // title ("Not Found") in the reader's language too, like the ones the services build.
        services.PostConfigure<ProblemDetailsOptions>(o =>
        {
            var inner = o.CustomizeProblemDetails;
            o.CustomizeProblemDetails = context =>
            {
                inner?.Invoke(context);
                if (context.ProblemDetails.Title is not { Length: > 1 } title) return;
                // The request's culture, not the thread's: the status code pages write on the way out, after the
                // localisation middleware has restored the thread's culture.
                if (context.HttpContext.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture is not { } culture) return;
                var translated = Say.TextIn(title, culture);
                // "Not Found" is the key "Not found" (keys differing only in case are one key in the resources).
                var sentence = string.Concat(title.AsSpan(0, 1), title[1..].ToLowerInvariant());
                if (translated == title && Say.TextIn(sentence, culture) is var other && other != sentence) translated = other;
                context.ProblemDetails.Title = translated;
            };
        });
        return services;
    }

    /// <summary>Sets the request's culture, and remembers a <c>?culture=</c> choice in the culture cookie.</summary>
    public static IApplicationBuilder UseRapporteurLanguages(this IApplicationBuilder app)
    {
        app.UseRequestLocalization();
        app.Use((context, next) =>
        {
            Say.SpeakTheReadersLanguage();
            if (context.Request.Query.TryGetValue("culture", out var asked) && Normalise(asked.ToString()) is { } culture)
            {
                context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions { Path = "/", MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            }
            return next();
        });
        return app;
    }

    /// <summary>"fr" for "fr", "FR" or "fr-BE"; null for a language the site does not have.</summary>
    public static string? Normalise(string? language)
    {
        if (string.IsNullOrWhiteSpace(language)) return null;
        var two = language.Trim().Split('-', '_')[0].ToLowerInvariant();
        return Supported.Contains(two, StringComparer.Ordinal) ? two : null;
    }

    /// <summary>The language of the current request ("en" or "fr").</summary>
    public static string Current => Normalise(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName) ?? English;

    /// <summary>The same page in the other language: the current path and query with <c>culture</c> replaced.</summary>
    public static string SwitchUrl(HttpRequest request, string culture)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = request.Query.Where(q => !string.Equals(q.Key, "culture", StringComparison.OrdinalIgnoreCase) && !string.Equals(q.Key, "ui-culture", StringComparison.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Append(new KeyValuePair<string, string?>("culture", culture));
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(request.PathBase + request.Path, query);
    }

    /// <summary>A date as the reader's language writes it ("7 December 2026", "7 décembre 2026").</summary>
    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>A short date ("7 Dec 2026", "7 déc. 2026").</summary>
    public static string ShortDate(DateTimeOffset at) => at.ToString("d MMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>A status, strength or other lower-case term ("partially-implemented", "request", "submitted") in the
    /// reader's language; an unknown key reads as itself with spaces for hyphens.</summary>
    public static string Term(this IStringLocalizer localizer, string key)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(key);
        var found = localizer[key];
        if (!found.ResourceNotFound) return found.Value;
        // The resource compiler keeps one of two keys that differ only in case ("Submitted", "submitted"): a
        // lower-case term may live under its capitalised form, and then keeps its lower-case first letter.
        if (key.Length > 0 && char.IsLower(key[0]))
        {
            var capital = localizer[string.Concat(char.ToUpperInvariant(key[0]).ToString(), key.AsSpan(1))];
            if (!capital.ResourceNotFound && capital.Value.Length > 0)
                return string.Concat(char.ToLower(capital.Value[0], CultureInfo.CurrentCulture).ToString(), capital.Value.AsSpan(1));
        }
        return key.Replace('-', ' ');
    }
}
