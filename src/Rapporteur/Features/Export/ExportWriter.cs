using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Rapporteur.Core.Render.Tables;

namespace Rapporteur.Features.Export;

/// <summary>Writes an <see cref="ExportTable"/> as CSV, XLSX or JSON, row by row as the rows are read.</summary>
public static class ExportWriter
{
    /// <summary>UTF-8 with a byte-order mark, so that Excel reads French and Dutch text right; a text field that a
    /// spreadsheet would run as a formula (<c>=</c>, <c>+</c>, <c>-</c>, <c>@</c> first) gets a leading <c>'</c>.</summary>
    private static readonly CsvWriterOptions Csv = CsvWriterOptions.Default with { WriteByteOrderMark = true, Injection = CsvInjection.Escape };

    /// <summary>Writes the table and returns the number of rows. CSV and JSON are written asynchronously and may go
    /// straight to a network stream; XLSX writes synchronously (the Open XML writer), so give it a file.</summary>
    public static async Task<long> WriteAsync(ExportTable table, ExportFormat format, Stream output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(output);
        switch (format)
        {
            case ExportFormat.Csv:
            {
                long count = 0;
                await using var csv = CsvWriter.Create(output, Csv, leaveOpen: true);
                await csv.WriteRecordAsync([.. table.Columns], ct);
                await foreach (var row in table.Rows.WithCancellation(ct))
                {
                    await csv.WriteRecordAsync(Texts(row), ct);
                    count++;
                }
                await csv.FlushAsync(ct);
                return count;
            }
            case ExportFormat.Json:
                return await WriteJsonAsync(table, output, ct);
            default:
                return await XlsxTable.WriteAsync(output, table.Dataset.Name(), table.Columns, Texts(table.Rows, ct), ct);
        }
    }

    /// <summary>An array of objects, one per row, keyed by the column names, values typed (numbers, booleans, lists,
    /// ISO dates); flushed every 200 rows.</summary>
    private static async Task<long> WriteJsonAsync(ExportTable table, Stream output, CancellationToken ct)
    {
        long count = 0;
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false });
        json.WriteStartArray();
        await foreach (var row in table.Rows.WithCancellation(ct))
        {
            json.WriteStartObject();
            for (var i = 0; i < table.Columns.Count; i++)
            {
                json.WritePropertyName(table.Columns[i]);
                WriteValue(json, row[i]);
            }
            json.WriteEndObject();
            if (++count % 200 == 0) await json.FlushAsync(ct);
        }
        json.WriteEndArray();
        await json.FlushAsync(ct);
        return count;
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case string s: json.WriteStringValue(s); break;
            case int n: json.WriteNumberValue(n); break;
            case long n: json.WriteNumberValue(n); break;
            case bool b: json.WriteBooleanValue(b); break;
            case IEnumerable<int> numbers:
                json.WriteStartArray();
                foreach (var n in numbers) json.WriteNumberValue(n);
                json.WriteEndArray();
                break;
            case IEnumerable<string> texts:
                json.WriteStartArray();
                foreach (var t in texts) json.WriteStringValue(t);
                json.WriteEndArray();
                break;
            default: json.WriteStringValue(Text(value)); break;
        }
    }

    private static async IAsyncEnumerable<IReadOnlyList<string>> Texts(IAsyncEnumerable<object?[]> rows, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var row in rows.WithCancellation(ct)) yield return Texts(row);
    }

    private static string[] Texts(object?[] row) => Array.ConvertAll(row, Text);

    /// <summary>A value as one cell of text: lists joined with "; ", dates and times in ISO 8601 (UTC).</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        IEnumerable<int> numbers => string.Join("; ", numbers.Select(n => n.ToString(CultureInfo.InvariantCulture))),
        IEnumerable<string> texts => string.Join("; ", texts),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
