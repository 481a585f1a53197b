using Rapporteur.Core.Model;

namespace Rapporteur.Core.Tests;

public class RomanTests
{
    [Theory]
    [InlineData("I", 1)]
    [InlineData("IV", 4)]
    [InlineData("IX", 9)]
    [InlineData("XI", 11)]
    [InlineData("XL", 40)]
    public void ToInt_ValidNumeral_ReturnsValue(string numeral, int expected) => Assert.Equal(expected, Roman.ToInt(numeral));
}
