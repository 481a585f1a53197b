using Microsoft.Data.Sqlite;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Import;

/// <summary><c>rapporteur import</c> run as a process against a data folder.</summary>
public class ImportCommandTests
{
    [Fact]
    public void Import_CorpusFiles_StoresBothAndPrintsWhatItDid()
    {
        var data = Directory.CreateTempSubdirectory("rapporteur-cli-");
        var (code, stdout, stderr) = RapporteurProcess.Run("import", TestData.CorpusFile("netherlands-reply.txt"), TestData.CorpusFile("netherlands-factsheet.txt"), "--data", data.FullName);
        Assert.True(code == 0, stderr);
        Assert.Contains("reply of Netherlands to round 2", stdout, StringComparison.Ordinal);
        Assert.Contains("66 recommendations", stdout, StringComparison.Ordinal);
        Assert.Equal(2L, Count(data.FullName, "SourceDocuments"));
    }

    [Fact]
    public void Import_OneCorruptFileAmongGoodOnes_StoresTheGoodOnesAndExitsTwo()
    {
        var data = Directory.CreateTempSubdirectory("rapporteur-cli-");
        var bad = Path.Combine(data.FullName, "broken.docx");
        File.WriteAllBytes(bad, [0x50, 0x4B, 0x03, 0x04, 1, 2, 3]);
        var (code, _, stderr) = RapporteurProcess.Run("import", bad, TestData.CorpusFile("netherlands-reply.txt"), "--data", data.FullName);
        Assert.Equal(2, code);
        var line = Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.Contains("broken.docx", line, StringComparison.Ordinal);
        Assert.Equal(1L, Count(data.FullName, "SourceDocuments"));
    }

    [Fact]
    public void Migrate_NewFolder_CreatesTheDatabase()
    {
        var data = Directory.CreateTempSubdirectory("rapporteur-cli-");
        var (code, stdout, stderr) = RapporteurProcess.Run("migrate", "--data", data.FullName);
        Assert.True(code == 0, stderr);
        Assert.Contains("rapporteur.db", stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(data.FullName, "rapporteur.db")));
    }

    private static long Count(string dataDir, string table)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDir, "rapporteur.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        return (long)command.ExecuteScalar()!;
    }
}
