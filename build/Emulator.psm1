# Start, drive and stop the HYPR emulator (tests/HyprAuth.Emulator) from PowerShell: used by the Pester tests,
# the demo and the benchmarks. Windows PowerShell 5.1 syntax.
Set-StrictMode -Version 3.0

function Start-HyprEmulator {
    # -TlsAuthorityPath: serve HTTPS with a throwaway CA made by the emulator, whose certificate (no key) it writes there.
    # -TlsHostName: the certificate's only name, instead of 127.0.0.1 and localhost (to test a name mismatch).
    param([Parameter(Mandatory)] [string] $Path, [string] $TlsAuthorityPath, [string] $TlsHostName)
    # The emulator prints its base URL first and exits when its standard input closes, so it never outlives us.
    $startInfo = New-Object System.Diagnostics.ProcessStartInfo
    $startInfo.FileName = 'dotnet'
    $startInfo.Arguments = '"{0}"' -f $Path
    if ($TlsAuthorityPath) { $startInfo.Arguments += ' --tls "{0}"' -f $TlsAuthorityPath }
    if ($TlsHostName) { $startInfo.Arguments += ' --tls-host "{0}"' -f $TlsHostName }
    $startInfo.UseShellExecute = $false
    $startInfo.RedirectStandardInput = $true
    $startInfo.RedirectStandardOutput = $true
    $process = [System.Diagnostics.Process]::Start($startInfo)
    $baseUri = $process.StandardOutput.ReadLine()
    if (-not $baseUri -or $baseUri -notmatch '^https?://127\.0\.0\.1:\d+$') {
        $process.Kill()
        throw "The emulator did not print its base URL (got '$baseUri')."
    }
    return [pscustomobject]@{ Process = $process; BaseUri = $baseUri }
}

function Stop-HyprEmulator($Emulator) {
    if ($null -eq $Emulator) { return }
    $Emulator.Process.StandardInput.Close()
    if (-not $Emulator.Process.WaitForExit(5000)) { $Emulator.Process.Kill() }
    $Emulator.Process.Dispose()
}

function Invoke-EmulatorControl {
    param(
        [Parameter(Mandatory)] $Emulator,
        [Parameter(Mandatory)] [string] $Route,
        [string] $Method = 'POST',
        $Body
    )
    $parameters = @{ Uri = "$($Emulator.BaseUri)/_emulator/$Route"; Method = $Method; ContentType = 'application/json' }
    if ($null -ne $Body) { $parameters.Body = ConvertTo-Json -InputObject $Body -Depth 5 -Compress }
    Invoke-RestMethod @parameters
}

function New-EmulatorClient($Emulator, [hashtable] $Spec = @{}) {
    Invoke-EmulatorControl -Emulator $Emulator -Route 'clients' -Body $Spec
}

function Get-EmulatorCounters($Emulator) {
    Invoke-EmulatorControl -Emulator $Emulator -Route 'counters' -Method GET
}

Export-ModuleMember -Function *
