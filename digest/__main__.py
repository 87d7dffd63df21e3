from digest.start import main

main()
