<#
.SYNOPSIS
    R runspaces × N Invoke-HyprApi each, from a cold token cache: every runspace asks for a token at the same moment
    (a barrier), so the cache must make one exchange for all. Run in a fresh PowerShell by Invoke-Benchmarks.ps1;
    prints one JSON line: per runspace its start and end (Stopwatch timestamps) and calls made.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $TenantUri,
    [Parameter(Mandatory)] [string] $ClientId,
    [Parameter(Mandatory)] [string] $KeyPath,
    [string] $Path = '/rp/api/bulk/HYPRDefaultApplication/introspect',
    [int] $Runspaces = 16,
    [int] $CallsPerRunspace = 500
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$barrier = [System.Threading.Barrier]::new($Runspaces)
$results = 1..$Runspaces | ForEach-Object -ThrottleLimit $Runspaces -Parallel {
    $ErrorActionPreference = 'Stop'
    $gate = $using:barrier
    try {
        Import-Module $using:ModuleManifest
    }
    catch {
        $gate.RemoveParticipant()
        throw
    }
    # Bounded: a runspace that never arrives cannot hold the others for more than a minute.
    if (-not $gate.SignalAndWait(60000)) { throw 'The other runspaces did not reach the barrier within 60 s.' }

    $start = [System.Diagnostics.Stopwatch]::GetTimestamp()
    Connect-Hypr -TenantUri $using:TenantUri -ClientId $using:ClientId -KeyPath $using:KeyPath
    $path = $using:Path
    $calls = $using:CallsPerRunspace
    for ($i = 0; $i -lt $calls; $i++) {
        $null = Invoke-HyprApi -Path $path
    }
    [pscustomobject]@{ start = $start; end = [System.Diagnostics.Stopwatch]::GetTimestamp(); calls = $calls }
}

[pscustomobject]@{
    frequency = [System.Diagnostics.Stopwatch]::Frequency
    runspaces = @($results)
} | ConvertTo-Json -Compress -Depth 4
