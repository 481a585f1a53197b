using Rapporteur.Core.Import;
using Rapporteur.Core.Model;

namespace Rapporteur.Core.Tests.Reports;

public class RecommendationListParserTests
{
    private static ParsedDocument Parse(string text, TreatyBody? body = null, Party? party = null)
    {
        var result = DocumentImporter.Default.ImportText("list.txt", text,
            new ImportOptions { Kind = DocumentKind.Recommendations, Body = body ?? TreatyBody.Upr, Party = party });
        Assert.True(result.Success, result.Error?.ToString());
        return result.Value!;
    }

    private static Recommendation One(string item, TreatyBody? body = null) =>
        Assert.Single(Parse("116. The following recommendations will be examined by Ruritania:\n\n" + item + "\n", body).Recommendations);

    [Theory]
    [InlineData("116.1 Ratify the protocol (Chile);", "Chile")]
    [InlineData("116.1 Ratify the protocol (Brazil) (France);", "Brazil|France")]
    [InlineData("116.1 Ratify the protocol (Brazil)(France).", "Brazil|France")]
    [InlineData("116.1 Ratify the protocol (Brazil, France);", "Brazil|France")]
    [InlineData("116.1 Ratify the protocol (Brazil; the Netherlands)", "Brazil|Netherlands")]
    [InlineData("116.1 Ratify the protocol (Republic of Moldova);", "Republic of Moldova")]
    [InlineData("116.1 Ratify the protocol (Bolivia (Plurinational State of)) (Chile);", "Bolivia (Plurinational State of)|Chile")]
    public void Parse_FinalParentheses_GiveTheRecommendingStates(string item, string states)
    {
        var r = One(item);
        Assert.Equal(states.Split('|'), r.RecommendedBy);
        Assert.Equal("Ratify the protocol", r.Text);
    }

    [Fact]
    public void Parse_AcronymInParentheses_StaysInTheText()
    {
        var r = One("116.1 Apply the Convention (CEDAW) (Chile);");
        Assert.Equal(["Chile"], r.RecommendedBy);
        Assert.Equal("Apply the Convention (CEDAW)", r.Text);
    }

    [Fact]
    public void Parse_ItemIds_WithOrWithoutTrailingDot()
    {
        var d = Parse("116. Examined by Ruritania:\n116.1 Ratify it (Chile);\n116.2. Apply it (Peru);\n");
        Assert.Equal(["116.1", "116.2"], d.Recommendations.Select(r => r.Id.Value));
        Assert.All(d.Recommendations, r => Assert.Equal([116], r.Paragraphs));
        Assert.All(d.Recommendations, r => Assert.Null(r.Chapter));
    }

    [Fact]
    public void Parse_ItemAcrossABlankLineAndPageFurniture_IsJoined()
    {
        var r = One("116.1 Guarantee education for the children of\n\n12\n\nmigrant workers (Chile);");
        Assert.Equal("Guarantee education for the children of migrant workers", r.Text);
        Assert.Equal(["Chile"], r.RecommendedBy);
    }

    [Theory]
    [InlineData("116. The following recommendations will be examined by Ruritania, which will respond in due time:")]
    [InlineData("116. The following recommendations enjoy the support of Ruritania:")]
    [InlineData("116. The following recommendations have been noted by the Republic of Ruritania:")]
    public void Parse_LeadParagraph_GivesTheStateUnderReview(string lead)
    {
        var d = Parse(lead + "\n\n116.1 Ratify it (Chile);\n");
        var r = Assert.Single(d.Recommendations);
        Assert.Equal(AddresseeKind.Party, r.Addressee.Kind);
        Assert.EndsWith("Ruritania", r.Addressee.Party!.Name, StringComparison.Ordinal);
        Assert.Equal(r.Addressee.Party, d.Party);
    }

    [Fact]
    public void Parse_PartyOption_WinsOverTheLeadParagraph()
    {
        var d = Parse("116. Examined by Ruritania:\n\n116.1 Ratify it (Chile);\n", party: new Party("Freedonia"));
        Assert.Equal("Freedonia", Assert.Single(d.Recommendations).Addressee.Party?.Name);
    }

    [Fact]
    public void Parse_NoStateAnywhere_WarnsAndAddressesAllParties()
    {
        var d = Parse("116.1 Ratify it (Chile);\n");
        Assert.Equal(AddresseeKind.All, Assert.Single(d.Recommendations).Addressee.Kind);
        Assert.Contains(d.Warnings, w => w.Code == "partyUnknown");
    }

    [Fact]
    public void Parse_UprBody_HasNoStrength() => Assert.Null(One("116.1 Urge the police to act (Chile);").Strength);

    [Fact]
    public void Parse_BodyWithVocabulary_TakesTheStrengthFromTheLeadingVerb()
    {
        Assert.Equal("urge", One("116.1 Urge the police to act (Chile);", TreatyBody.Greta).Strength);
        Assert.Null(One("116.1 Ratify it (Chile);", TreatyBody.Greta).Strength);
    }

    [Fact]
    public void Parse_TextOutsideItems_GoesToTitleOrWarnings()
    {
        var d = Parse("Report of the Working Group\n\nIntroduction\n\n116. Examined by Ruritania:\n\n116.1 Ratify it (Chile);\n\nAnnex\n");
        Assert.Equal("Report of the Working Group", d.Title);
        Assert.Contains(d.Warnings, w => w.Code == "unplacedText" && w.Message.Contains("Introduction", StringComparison.Ordinal));
        Assert.Contains(d.Warnings, w => w.Code == "unplacedText" && w.Message.Contains("Annex", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_DuplicateId_KeepsTheFirstAndWarns()
    {
        var d = Parse("116. Examined by Ruritania:\n116.1 Ratify it (Chile);\n116.1 Apply it (Peru);\n");
        Assert.Equal(["Chile"], Assert.Single(d.Recommendations).RecommendedBy);
        Assert.Contains(d.Warnings, w => w.Code == "duplicateRecommendation");
    }

    [Fact]
    public void Parse_NoItems_ReturnsNoRecommendationsAndNoCrash()
    {
        var d = Parse("Report of the Working Group\n\nNothing was recommended.\n");
        Assert.Empty(d.Recommendations);
        Assert.Equal(DocumentKind.Recommendations, d.Kind);
    }
}
