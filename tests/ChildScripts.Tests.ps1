# The scripts handed to Windows PowerShell 5.1 children, proven here without Windows: Pester runs in PowerShell 7 on
# every job, and only the tests that are about Windows PowerShell start powershell.exe children (TestHelpers.psm1,
# -Edition Desktop). Each such script (tests/ChildFlow.ps1, which every flow child runs first, and the -Script literal
# of every call that may start a Desktop child) must parse with no PowerShell 7-only syntax, command parameter,
# variable or .NET member: this PowerShell 7 parser finds them, and 5.1 would stop at them. The launcher's start info
# is checked too. Running the scripts in 5.1 is the Windows PowerShell 5.1 CI job's part (tag WindowsPowerShell).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'WindowsPowerShellSyntax.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../build/BuildHelpers.psm1') -Function Get-PowerShellCommand -Force

    function Get-ScriptAst([string] $Text) {
        $errors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseInput($Text, [ref]$null, [ref]$errors)
        if ($errors) { throw "The script does not parse: $($errors[0].Message)" }
        return $ast
    }
}

Describe 'Scripts for Windows PowerShell 5.1 children (static)' {
    BeforeAll {
        $script:desktopScripts = @(Get-DesktopChildScript -TestFolder $PSScriptRoot)
    }

    It 'finds the -Edition Desktop call sites of the suites about Windows PowerShell' {
        $files = @($desktopScripts | ForEach-Object { Split-Path -Leaf $_.File } | Sort-Object -Unique)
        foreach ($expected in 'ChildFlow.ps1', 'ClientKeyStore.Tests.ps1', 'PersistentCache.Tests.ps1', 'Windows.Tests.ps1') {
            $files | Should -Contain $expected
        }
    }

    It 'passes every script that may reach a Desktop child as a literal, so it can be checked here' {
        @($desktopScripts | Where-Object { $null -eq $_.Text } | ForEach-Object { "$($_.File):$($_.Line)" }) | Should -BeNullOrEmpty
    }

    It 'uses nothing Windows PowerShell 5.1 lacks in any of them' {
        $findings = foreach ($entry in $desktopScripts | Where-Object { $null -ne $_.Text }) {
            Find-PowerShell7Construct (Get-ScriptAst $entry.Text) | ForEach-Object { "$($entry.File):$($entry.Line): $_" }
        }
        @($findings) | Should -BeNullOrEmpty
    }

    It 'finds <Name> (the check can fail)' -ForEach @(
        @{ Name = 'a ternary'; Text = '$a ? 1 : 2' }
        @{ Name = 'a pipeline chain'; Text = 'Get-Item . && Get-Item .' }
        @{ Name = 'null-coalescing'; Text = '$a ?? 1' }
        @{ Name = 'null-coalescing assignment'; Text = '$a ??= 1' }
        @{ Name = 'null-conditional member access'; Text = '${a}?.Name' }
        @{ Name = 'null-conditional index'; Text = '${a}?[0]' }
        @{ Name = 'a clean block'; Text = 'function f { process { 1 } clean { 2 } }' }
        @{ Name = 'ForEach-Object -Parallel'; Text = '1, 2 | ForEach-Object -Parallel { $_ }' }
        @{ Name = 'ConvertFrom-Json -AsHashtable'; Text = '''{}'' | ConvertFrom-Json -AsHashtable' }
        @{ Name = 'Join-Path with three parts'; Text = 'Join-Path a b c' }
        @{ Name = 'Set-Content -Encoding utf8NoBOM'; Text = 'Set-Content -Path x -Value 1 -Encoding utf8NoBOM' }
        @{ Name = '$IsWindows'; Text = 'if ($IsWindows) { 1 }' }
        @{ Name = '[Convert]::ToHexString'; Text = '[Convert]::ToHexString([byte[]]@(1))' }
        @{ Name = 'SHA256.HashData'; Text = '[System.Security.Cryptography.SHA256]::HashData([byte[]]@(1))' }
        @{ Name = 'an AssemblyLoadContext'; Text = '[System.Runtime.Loader.AssemblyLoadContext]::Default' }
    ) {
        @(Find-PowerShell7Construct (Get-ScriptAst $Text)) | Should -Not -BeNullOrEmpty
    }

    It 'accepts Windows PowerShell 5.1 code (no false alarm)' {
        $text = @'
$a = if ($b) { 1 } else { 2 }
$key = ConvertTo-SecureString -String $env:X -AsPlainText -Force
Join-Path $env:TEMP 'x.txt' | Set-Content -Path y -Encoding UTF8
[ordered]@{ A = [Convert]::ToBase64String([byte[]]@(1)); B = [System.Security.Cryptography.SHA256]::Create() } | ConvertTo-Json -Depth 5
'@
        @(Find-PowerShell7Construct (Get-ScriptAst $text)) | Should -BeNullOrEmpty
    }
}

Describe 'The child launcher' {
    It 'starts Windows PowerShell 5.1 as powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -File <script>' {
        $startInfo = New-ChildStartInfo -ScriptPath 'C:\Temp dir\child.ps1' -Edition Desktop
        $startInfo.FileName | Should -BeLike '*System32\WindowsPowerShell\v1.0\powershell.exe'
        @($startInfo.ArgumentList) | Should -Be @('-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', 'C:\Temp dir\child.ps1')
        $startInfo.Arguments | Should -BeNullOrEmpty -Because '.NET quotes ArgumentList itself; nothing is joined by hand'
    }

    It 'starts a PowerShell 7 child as this PowerShell is started' {
        $startInfo = New-ChildStartInfo -ScriptPath '/tmp/child.ps1'
        $command = @(Get-PowerShellCommand)
        $startInfo.FileName | Should -Be $command[0]
        @($startInfo.ArgumentList) | Should -Be (@($command | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', '/tmp/child.ps1'))
    }

    It 'writes the child''s script as UTF-8 with a byte order mark, which Windows PowerShell 5.1 reads as UTF-8' {
        $file = New-ChildScriptFile "'caf$([char]0xE9)'"
        try { [System.IO.File]::ReadAllBytes($file)[0..2] | Should -Be @(0xEF, 0xBB, 0xBF) }
        finally { Remove-Item -LiteralPath $file }
    }

    It 'refuses a Windows PowerShell 5.1 child off Windows, naming the tag to use' -Skip:$IsWindows {
        { Start-ChildPowerShell -Script '1' -Edition Desktop } | Should -Throw '*tag the test Windows*'
    }
}
