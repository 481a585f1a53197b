using System.CommandLine;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Cli;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Audit;
using Rapporteur.Web;
using Spectre.Console;

namespace Rapporteur.Features.Users;

/// <summary><c>rapporteur user add EMAIL --role ROLE [--party P] [--name N] [--data DIR]</c>: the password is asked
/// for, or read from standard input when it is redirected.</summary>
internal static class UserCommand
{
    public static Command Create()
    {
        var email = new Argument<string>("email") { Description = "The e-mail address the person signs in with" };
        var role = new Option<string>("--role") { Description = $"One of {string.Join(", ", Roles.All)}", Required = true };
        var party = new Option<string?>("--party") { Description = "The Party a focal point acts for" };
        var name = new Option<string?>("--name") { Description = "The name shown in the app" };
        var data = DataOption.Create();
        var add = new Command("add", "Create an account with one role") { email, role, party, name, data };
        add.SetAction(async (result, cancellationToken) =>
        {
            var password = Console.IsInputRedirected
                ? (await Console.In.ReadLineAsync(cancellationToken))?.Trim() ?? ""
                : AnsiConsole.Prompt(new TextPrompt<string>("Password:").Secret());
            if (password.Length == 0) return CommandLine.Fail("no password given (type it, or pipe it on standard input)");

            var store = DataStore.Open(result.GetValue(data));
            try
            {
                await store.MigrateAsync(cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
            {
                return CommandLine.Fail($"{store.DatabaseFile}: cannot open the database: {e.Message}");
            }
            await using var services = Services(store);
            await using var scope = services.CreateAsyncScope();
            var accounts = ActivatorUtilities.CreateInstance<UserAccounts>(scope.ServiceProvider);
            var address = result.GetValue(email)!;
            var error = await accounts.AddAsync(address, result.GetValue(role)!, result.GetValue(party), result.GetValue(name), password);
            if (error is not null) return CommandLine.Fail($"{address}: {error}");
            var db = scope.ServiceProvider.GetRequiredService<RapporteurDbContext>();
            AuditLog.Record(db, TimeProvider.System, null, "user.add", $"{address} as {Roles.Parse(result.GetValue(role)!)} (command line)");
            await db.SaveChangesAsync(cancellationToken);
            Console.WriteLine($"{address}: account created with role {Roles.Parse(result.GetValue(role)!)}");
            return CommandLine.Ok;
        });
        return new Command("user", "Manage accounts") { add };
    }

    private static ServiceProvider Services(DataStore store)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(store.Directory, "keys")));
        services.AddDbContext<RapporteurDbContext>(store.Configure);
        services.AddRapporteurIdentityCore();
        return services.BuildServiceProvider();
    }
}
