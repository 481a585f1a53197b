namespace Rapporteur.Tests.Support;

/// <summary>A clock that says what the test wants it to say.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
