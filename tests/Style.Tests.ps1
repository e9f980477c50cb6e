# The house style the compiler cannot check: no line over 150 characters in the code and tests we keep in git.
# The rest of the style (.editorconfig, the .NET analyzers) fails the build itself.
Describe 'House style' {
    It 'has no line over 150 characters in src/, tests/ or the build properties' {
        $root = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path
        $files = @(git -C $root ls-files -- src tests '*.props' | Where-Object { $_ -match '\.(cs|ps1|psm1|csproj|props)$' })
        $files.Count | Should -BeGreaterThan 100 -Because 'git lists the repository''s files'
        $long = foreach ($file in $files) {
            $number = 0
            foreach ($line in [System.IO.File]::ReadLines((Join-Path $root $file))) {
                $number++
                if ($line.Length -gt 150) { "${file}:$number has $($line.Length) characters" }
            }
        }
        $long | Should -BeNullOrEmpty -Because 'lines over 150 characters are wrapped (see README, Style)'
    }
}
