using System.Text;
using Rapporteur.Cli;
using Rapporteur.Core.Model;
using Rapporteur.Core.Render;
using Rapporteur.Core.Render.Documents;

namespace Rapporteur.Features.Render;

/// <summary>Writes rendered files whole or not at all: into a temporary file beside the target, then moved over it.</summary>
internal static class Output
{
    public static int Write(string path, IPublicationRenderer renderer, Publication publication)
    {
        var full = Path.GetFullPath(path);
        var temporary = full + ".partial";
        try
        {
            if (Directory.Exists(full)) return CommandLine.Fail($"{path}: is a folder; give a file name");
            if (!Directory.Exists(Path.GetDirectoryName(full))) return CommandLine.Fail($"{path}: cannot write: the folder {Path.GetDirectoryName(full)} does not exist");
            IReadOnlyList<string> notes;
            using (var stream = File.Create(temporary)) notes = renderer.Render(publication, stream);
            File.Move(temporary, full, overwrite: true);
            foreach (var note in notes) Console.Error.WriteLine($"rapporteur: note: {note}");
            Console.WriteLine($"wrote {path}");
            return CommandLine.Ok;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            return CommandLine.Fail($"{path}: cannot write: {e.Message}");
        }
    }

    /// <summary>Creates the folder for a batch; the reason it cannot, or null.</summary>
    public static string? CreateFolder(string folder)
    {
        try
        {
            if (File.Exists(folder)) return $"{folder}: is a file; --all-parties writes into a folder";
            Directory.CreateDirectory(folder);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{folder}: cannot create the folder: {e.Message}";
        }
    }

    /// <summary>"netherlands-factsheet-round-2.pdf": the Party's name in lower case, letters and digits kept, the rest dashes.</summary>
    public static string FileName(Party party, int round, IPublicationRenderer renderer)
    {
        var slug = new StringBuilder();
        foreach (var c in party.Name.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c)) slug.Append(char.ToLowerInvariant(c));
            else if (char.IsWhiteSpace(c) || c is '-' or '\'') { if (slug.Length > 0 && slug[^1] != '-') slug.Append('-'); }
        }
        return $"{slug.ToString().Trim('-')}-factsheet-round-{round.ToString(System.Globalization.CultureInfo.InvariantCulture)}{renderer.Extension}";
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The write failed already; that is the error to report.
        }
    }
}
