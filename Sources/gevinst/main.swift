print("gevinst")
