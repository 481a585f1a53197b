using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rapporteur.Features.Backup;

/// <summary>What a backup archive holds (<c>manifest.json</c>, its first entry): which version and schema wrote it,
/// how many rows each table had at the moment of the copy, and the SHA-256 of every other part, so a restore can
/// prove the archive is whole before it touches anything.</summary>
internal sealed record BackupManifest
{
    public const string FileName = "manifest.json";
    public const string CurrentFormat = "rapporteur-backup/1";

    public required string Format { get; init; }
    public required string AppVersion { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary><c>sqlite</c> or <c>postgres</c>: which engine the database part is for.</summary>
    public required string Provider { get; init; }

    /// <summary>The last EF Core migration applied to the copied database.</summary>
    public required string Migration { get; init; }

    public required SortedDictionary<string, long> RowCounts { get; init; }
    public required IReadOnlyList<BackupPart> Parts { get; init; }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };
}

/// <summary>One file in the archive: its path there, its size and its SHA-256 (lower-case hex).</summary>
internal sealed record BackupPart(string Path, long Bytes, string Sha256);
