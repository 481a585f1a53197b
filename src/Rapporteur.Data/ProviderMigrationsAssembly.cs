using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Internal;

namespace Rapporteur.Data;

#pragma warning disable EF1001 // MigrationsAssembly is EF's internal default; this only narrows what it finds.

/// <summary>Each provider has its own migrations folder and model snapshot in this assembly
/// (<c>Migrations/Sqlite</c>, <c>Migrations/Postgres</c>): EF is shown only the ones of the provider in use.</summary>
internal sealed class ProviderMigrationsAssembly(
    ICurrentDbContext currentContext,
    IDbContextOptions options,
    IMigrationsIdGenerator idGenerator,
    IDiagnosticsLogger<DbLoggerCategory.Migrations> logger)
    : MigrationsAssembly(currentContext, options, idGenerator, logger)
{
    private readonly string folder = currentContext.Context.Database.ProviderName switch
    {
        "Npgsql.EntityFrameworkCore.PostgreSQL" => "Rapporteur.Data.Migrations.Postgres",
        _ => "Rapporteur.Data.Migrations.Sqlite",
    };

    private IReadOnlyDictionary<string, TypeInfo>? migrations;

    private ModelSnapshot? snapshot;

    // The base class would see both folders and refuse the ids they share; this finds the folder's own, in id order.
    public override IReadOnlyDictionary<string, TypeInfo> Migrations => migrations ??= new SortedList<string, TypeInfo>(
        Mine(typeof(Migration))
            .Select(t => (Id: t.GetCustomAttribute<MigrationAttribute>()?.Id, Type: t))
            .Where(m => m.Id is not null)
            .ToDictionary(m => m.Id!, m => m.Type.GetTypeInfo(), StringComparer.Ordinal),
        StringComparer.Ordinal);

    public override ModelSnapshot? ModelSnapshot =>
        snapshot ??= Mine(typeof(ModelSnapshot)).SingleOrDefault() is { } type ? (ModelSnapshot)Activator.CreateInstance(type)! : null;

    private IEnumerable<Type> Mine(Type baseType) => Assembly.GetTypes().Where(t => !t.IsAbstract && t.IsSubclassOf(baseType)
        && string.Equals(t.Namespace, folder, StringComparison.Ordinal)
        && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == typeof(RapporteurDbContext));
}
#pragma warning restore EF1001
