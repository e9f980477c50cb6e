using System;
using System.Globalization;
using System.Management.Automation;

namespace HyprAuth.Internal;

/// <summary>
/// Lets a TimeSpan parameter take a number of seconds: PowerShell would otherwise bind a bare 30 as 30 ticks
/// (3 microseconds). A TimeSpan, or text such as '00:01:00', binds as usual.
/// </summary>
internal sealed class SecondsOrTimeSpanAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        object? raw = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        switch (raw)
        {
            case int seconds:
                return TimeSpan.FromSeconds(seconds);
            case long seconds:
                return TimeSpan.FromSeconds(seconds);
            case double seconds when !double.IsNaN(seconds) && !double.IsInfinity(seconds):
                return TimeSpan.FromSeconds(seconds);
            case decimal seconds:
                return TimeSpan.FromSeconds((double)seconds);
            case string text when double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds):
                return TimeSpan.FromSeconds(seconds);
            default:
                return inputData;
        }
    }
}
