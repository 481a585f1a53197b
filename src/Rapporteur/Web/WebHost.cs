using System.Reflection;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Rapporteur.Data;
using Rapporteur.Features.Account;
using Rapporteur.Features.Compliance;
using Rapporteur.Features.Export;
using Rapporteur.Features.Factsheets;
using Rapporteur.Features.Languages;
using Rapporteur.Features.Render;
using Rapporteur.Features.Replies;
using Rapporteur.Features.Rounds;
using Rapporteur.Features.Search;

namespace Rapporteur.Web;

/// <summary>The web application: services, middleware and endpoint groups, read like a table of contents.
/// Pages live beside their use case in Features/&lt;UseCase&gt;/ (Razor Pages rooted there).</summary>
internal static class WebHost
{
    public static WebApplication Build(DataStore store, string[]? urls = null, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            // The pages live in this assembly, whichever process hosts it (the CLI or a test runner).
            ApplicationName = typeof(WebHost).Assembly.GetName().Name,
            Args = [],
        });
        if (urls is { Length: > 0 }) builder.WebHost.UseUrls(urls);

        // SQL at Information level drowns what an operator needs; EF warnings and errors still show.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddDbContext<RapporteurDbContext>(store.Configure);
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi("v1");
        builder.Services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Features";
            o.Conventions.AddPageRoute("/Rounds/Manage", "/rounds/new");
        });
        builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(store.Directory, "keys")));
        builder.Services.AddRapporteurSecurity();
        builder.Services.AddRapporteurHardening(builder.Configuration);
        builder.Services.AddScoped<ReplyEditor>();
        builder.Services.AddScoped<Assessments>();
        builder.Services.AddScoped<Rapporteur.Features.FollowUp.BoxEditor>();
        builder.Services.AddScoped<RoundAdmin>();
        // Bilingual (EN/FR): interface cultures and parallel language versions of content.
        builder.Services.AddRapporteurLanguages().AddScoped<Rapporteur.Features.Translations.TranslationStore>();
        builder.Services.AddScoped<Rapporteur.Features.Analysis.RecommendationEditor>();
        builder.Services.AddScoped<Rapporteur.Features.Analysis.ReportEditor>();
        builder.Services.AddScoped<FactsheetEditor>();
        builder.Services.AddScoped<Rapporteur.Features.Comments.CommentBoard>();
        builder.Services.AddScoped<Rapporteur.Features.Notifications.Reminders>();
        builder.Services.AddScoped<Rapporteur.Features.Tags.Tagger>();
        builder.Services.Configure<Rapporteur.Features.Notifications.SmtpOptions>(builder.Configuration.GetSection("Smtp"));
        builder.Services.AddSingleton<Rapporteur.Features.Notifications.OutboxDelivery>();
        builder.Services.AddHostedService(s => s.GetRequiredService<Rapporteur.Features.Notifications.OutboxDelivery>());
        builder.AddReplyAttachments();
        builder.Services.AddRapporteurPublicCache();
        builder.Services.AddHealthChecks().AddDbContextCheck<RapporteurDbContext>("database", tags: ["ready"]);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        // The API answers errors with ProblemDetails; people in a browser get a page.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal), a => a.UseStatusCodePages());
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal), a => a.UseStatusCodePagesWithReExecute("/status/{0}"));
        app.Use(SecurityHeaders);
        app.UseRapporteurLanguages();
        app.UseRapporteurPublicCache(); // anonymous GETs of public pages and API reads (Web/PublicCache.cs)
        // Routing after the status-code pages, so that a re-executed request is routed again.
        app.UseRouting();
        app.UseAuthentication();
        app.UseRapporteurHardening();
        app.Use(Security.RefuseInvalidBearerTokens);
        app.Use(Security.RefuseAnonymousWrites);
        app.UseAuthorization();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapOpenApi();
        app.MapGet("/site.css", SiteCss).ExcludeFromDescription();
        app.MapRazorPages();
        app.MapDownloads();
        app.MapApiDocs();

        var api = app.MapGroup("/api/v1");
        api.MapTokenApi();
        api.MapRoundsApi();
        api.MapComplianceApi();
        api.MapRepliesApi();
        api.MapAttachmentsApi();
        api.MapRoundAdminApi();
        api.MapFactsheetsApi();
        api.MapExportApi();
        api.MapSearchApi();
        Rapporteur.Features.Tags.TagsApi.MapTagsApi(api);
        Rapporteur.Features.Translations.TranslationsApi.MapTranslationsApi(api);
        return app;
    }

    private static Task SecurityHeaders(HttpContext context, Func<Task> next)
    {
        var h = context.Response.Headers;
        h.XContentTypeOptions = "nosniff";
        h["Referrer-Policy"] = "same-origin";
        h.ContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
        return next();
    }

    private static IResult SiteCss()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Rapporteur.Web.site.css")!;
        using var reader = new StreamReader(stream);
        return Results.Text(reader.ReadToEnd(), "text/css; charset=utf-8");
    }
}
